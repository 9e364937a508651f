package io.cuttle.daemon.flows.capture;

import io.cuttle.host.model.FlowKey;
import java.util.Objects;

/**
 * The headers of one captured packet, seen from this host.
 *
 * @param key          5-tuple with this host's end as local
 * @param outgoing     sent by this host (else received)
 * @param payloadBytes transport payload length (what the TCP counters count too)
 * @param syn          a TCP SYN or SYN-ACK: a connection is being set up
 */
public record PacketHeader(FlowKey key, boolean outgoing, int payloadBytes, boolean syn) {
  public PacketHeader {
    Objects.requireNonNull(key, "key");
  }
}
