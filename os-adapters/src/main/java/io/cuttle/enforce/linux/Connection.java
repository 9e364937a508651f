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
}
