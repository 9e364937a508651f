/**
 * Headers-only packet capture with pcap4j ({@link io.cuttle.daemon.flows.capture.PacketCapture}):
 * UDP volumes and TCP connection set-up, parsed into {@link io.cuttle.daemon.flows.capture.PacketHeader}s,
 * with the capture's own drop statistics ({@link io.cuttle.daemon.flows.capture.CaptureStats}).
 */
package io.cuttle.daemon.flows.capture;
