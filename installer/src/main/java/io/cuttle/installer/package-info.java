/**
 * Packages, services and deployment of the controller and daemon. Nothing here yet.
 */
package io.cuttle.installer;
