/**
 * A client of FRRouting's OSPF API ({@code ospfd -a}): the message framing ({@link
 * io.cuttle.controller.topology.ospf.api.FrameDecoder}), the messages ({@link
 * io.cuttle.controller.topology.ospf.api.ApiMessage}) and one session over the two TCP connections
 * ({@link io.cuttle.controller.topology.ospf.api.OspfApiSession}): requests and replies on the
 * connection the client opens to port 2607, notifications on the one ospfd opens back.
 */
package io.cuttle.controller.topology.ospf.api;
