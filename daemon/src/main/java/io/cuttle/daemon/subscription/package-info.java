/**
 * The daemon's side of the {@code StateDistribution} protocol: a
 * {@link io.cuttle.daemon.subscription.StateSubscription} keeps one Watch stream open to one
 * controller at a time, presenting the lineage and version it holds, and on failure backs off
 * ({@link io.cuttle.daemon.subscription.Backoff}) and fails over round robin to the next
 * address of the {@link io.cuttle.daemon.subscription.ControllerClient}. Its status is an enum
 * that says why, and its staleness is the time since any controller was last heard from.
 */
package io.cuttle.daemon.subscription;
