package io.cuttle.enforce.linux;

import java.net.InetAddress;

/**
 * One socket of an app as the kernel lists it: family, protocol, local and remote endpoint.
 * A listening or unconnected socket has a wildcard remote ({@link #connected()} false).
 */
record Connection(boolean tcp, InetAddress local, int localPort, InetAddress remote, int remotePort) {
  boolean v6() {
    return local instanceof java.net.Inet6Address;
  }

  boolean connected() {
    return remotePort != 0;
  }

  /** The nft concatenation {@code saddr . sport . daddr . dport} of this socket's outgoing packets. */
  String nftElement() {
    return local.getHostAddress() + " . " + localPort + " . " + remote.getHostAddress() + " . " + remotePort;
  }

  /** The connected flows among {@code flows} (as flow accounting saw them), in order, without repeats. */
  static java.util.List<Connection> ofFlows(java.util.List<io.cuttle.host.model.FlowKey> flows) {
    java.util.LinkedHashSet<Connection> out = new java.util.LinkedHashSet<>();
    for (io.cuttle.host.model.FlowKey f : flows) {
      Connection c = new Connection(f.protocol() == io.cuttle.host.model.Protocol.TCP, f.localAddress(), f.localPort(),
          f.remoteAddress(), f.remotePort());
      if (c.connected() && c.localPort() != 0 && c.local.getClass() == c.remote.getClass()) {
        out.add(c);
      }
    }
    return java.util.List.copyOf(out);
  }
}
