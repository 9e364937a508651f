/**
 * What the daemon shows about itself: Prometheus meters ({@link io.cuttle.daemon.admin.DaemonMetrics}),
 * the JSON view of the state and subscription served at {@code /state}
 * ({@link io.cuttle.daemon.admin.StateView}) and its compact text rendering
 * ({@link io.cuttle.daemon.admin.StateText}); the CLI reuses the last two.
 */
package io.cuttle.daemon.admin;
