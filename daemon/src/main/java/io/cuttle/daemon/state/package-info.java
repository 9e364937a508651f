/**
 * The daemon's copy of the network state: {@link io.cuttle.daemon.state.StateKeeper} holds the
 * current immutable {@code NetworkState} and applies snapshots and deltas from the wire (asking
 * for a fresh snapshot when something does not fit), {@link io.cuttle.daemon.state.StateListener}
 * hears every change, and {@link io.cuttle.daemon.state.StateFile} with
 * {@link io.cuttle.daemon.state.StatePersister} keeps it on disk so a restart resumes from the
 * same lineage and version.
 */
package io.cuttle.daemon.state;
