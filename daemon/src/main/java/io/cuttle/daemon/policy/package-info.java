/**
 * The daemon's hook into the handler engine: loads the handlers of a directory, runs them on
 * every state change and on a poll interval with the latest host snapshot, keeps the latest
 * desired state for the enforcement layer, and serves {@code GET /handlers} for
 * {@code cuttle policy explain}.
 */
package io.cuttle.daemon.policy;
