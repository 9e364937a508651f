/**
 * The immutable, versioned network-state model shared by controller and daemon: routers,
 * transit networks, links with per-direction costs, stub prefixes, sites with their uplinks,
 * and link annotations. {@link io.cuttle.netstate.model.NetworkState} is the snapshot handed to
 * every reader; it only changes by applying a {@link io.cuttle.netstate.event.Delta}.
 */
package io.cuttle.netstate.model;
