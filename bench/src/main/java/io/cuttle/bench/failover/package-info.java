/**
 * The failover benchmark: on the FRR WAN lab of {@code lab/wan-lab.sh}, a real controller and
 * daemon react to the WAN link going down; each trial times, on one clock, the link event, each
 * router's route change, every stage of the host's reaction and the block appearing in the host's
 * kernel, then brings the link back and waits for everything to revert.
 */
package io.cuttle.bench.failover;
