/**
 * Topology from OSPF: a link-state database that ignores re-floods ({@link
 * io.cuttle.controller.topology.ospf.LinkStateDatabase}), the translation of its LSAs into the
 * area graph ({@link io.cuttle.controller.topology.ospf.AreaGraphBuilder} for a whole database, or
 * in place, change by change, for the parts one LSA can touch: {@link
 * io.cuttle.controller.topology.ospf.LocalGraphUpdate} and {@link
 * io.cuttle.controller.topology.ospf.FollowedGraph}), and the live provider
 * that follows FRR's ospfd over the OSPF API ({@link
 * io.cuttle.controller.topology.ospf.OspfApiTopologyProvider}).
 */
package io.cuttle.controller.topology.ospf;
