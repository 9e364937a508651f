/**
 * Import of an LSDB snapshot from FRR's {@code vtysh -c 'show ip ospf database <type> json'}
 * output (bootstrap without a live session, offline analysis): {@link
 * io.cuttle.controller.topology.ospf.snapshot.VtyshLsdbParser} reads it into the LSA model with
 * line-numbered diagnostics, {@link io.cuttle.controller.topology.ospf.snapshot.SnapshotTopologyProvider}
 * serves the resulting graph.
 */
package io.cuttle.controller.topology.ospf.snapshot;
