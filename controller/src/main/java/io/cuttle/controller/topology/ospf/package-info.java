/**
 * Topology from OSPF: a link-state database that ignores re-floods ({@link
 * io.cuttle.controller.topology.ospf.LinkStateDatabase}), the translation of its LSAs into the
 * area graph ({@link io.cuttle.controller.topology.ospf.AreaGraphBuilder}, or in place for a change of
 * link costs only: {@link io.cuttle.controller.topology.ospf.LocalLinkUpdate}), and the live provider
 * that follows FRR's ospfd over the OSPF API ({@link
 * io.cuttle.controller.topology.ospf.OspfApiTopologyProvider}).
 */
package io.cuttle.controller.topology.ospf;
