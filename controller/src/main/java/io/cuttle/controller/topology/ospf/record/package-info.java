/**
 * Recording and replay of OSPF LSA events: {@link
 * io.cuttle.controller.topology.ospf.record.LsaEventRecorder} appends every event the live provider
 * sees, with timestamps, to a JSON-lines file; {@link
 * io.cuttle.controller.topology.ospf.record.ReplayTopologyProvider} plays such a file back at real or
 * accelerated speed through the same database and graph code (what-if analysis, incidents).
 */
package io.cuttle.controller.topology.ospf.record;
