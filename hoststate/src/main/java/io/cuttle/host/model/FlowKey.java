package io.cuttle.host.model;

import java.net.InetAddress;
import java.util.Objects;

/** A flow's 5-tuple, seen from this host: local is this host's end. */
public record FlowKey(Protocol protocol, InetAddress localAddress, int localPort, InetAddress remoteAddress,
    int remotePort) {
  public FlowKey {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    requirePort("localPort", localPort);
    requirePort("remotePort", remotePort);
  }

  private static void requirePort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + ": expected 0..65535, got " + port);
    }
  }

  @Override
  public String toString() {
    return protocol + " " + localAddress.getHostAddress() + ":" + localPort + " -> "
        + remoteAddress.getHostAddress() + ":" + remotePort;
  }
}
