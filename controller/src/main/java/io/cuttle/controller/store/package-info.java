/**
 * The controller's authoritative, versioned network state: providers' descriptions are diffed
 * into typed events (or, for a provider's typed change, turned into events by name without a
 * diff: {@link io.cuttle.controller.store.ChangeEvents}), committed all-or-nothing as consecutive versions, and kept in a bounded
 * history so daemons can resume with deltas instead of a full snapshot.
 */
package io.cuttle.controller.store;
