/**
 * When handlers run: on every network-state change and on a tick, with a random splay (so many
 * hosts do not react in lockstep), a debounce count and a hold-down time (hysteresis against
 * oscillation). {@link io.cuttle.policy.triggers.TriggerState} decides per handler, from an
 * injected clock and random source, whether a run is due.
 */
package io.cuttle.policy.triggers;
