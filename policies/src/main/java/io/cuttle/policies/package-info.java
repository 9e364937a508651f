/**
 * Example network exception handlers with their tests. Nothing here yet.
 */
package io.cuttle.policies;
