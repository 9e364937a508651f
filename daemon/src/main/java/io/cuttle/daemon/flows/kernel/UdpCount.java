package io.cuttle.daemon.flows.kernel;

import io.cuttle.host.model.FlowKey;
import java.util.Objects;

/**
 * What the kernel counted for one UDP 5-tuple in one direction since its set element was made.
 *
 * @param key      5-tuple with this host's end as local
 * @param outgoing sent by this host (else received)
 * @param packets  datagrams
 * @param ipBytes  bytes of the IP packets (headers included), as nft counts them
 */
public record UdpCount(FlowKey key, boolean outgoing, long packets, long ipBytes) {
  public UdpCount {
    Objects.requireNonNull(key, "key");
  }

  /** Transport payload bytes: the IP bytes less an IP and a UDP header per datagram. */
  public long payloadBytes() {
    int headers = (key.localAddress() instanceof java.net.Inet6Address ? 40 : 20) + 8;
    return Math.max(0, ipBytes - packets * headers);
  }
}
