/**
 * Topology from a YAML file: {@link io.cuttle.controller.topology.file.TopologyFileParser} turns
 * the file (format in {@code controller/docs/topology-file.md}) into a
 * {@link io.cuttle.controller.topology.TopologySpec} or a list of diagnostics with line, field and
 * "expected X, got Y"; {@link io.cuttle.controller.topology.file.FileTopologyProvider} polls the
 * file and pushes each valid version to the topology store, rejecting invalid ones while the last
 * good version stays in force; {@link io.cuttle.controller.topology.file.ExampleTopology} is the
 * enterprise example embedded in the controller for the demo.
 */
package io.cuttle.controller.topology.file;
