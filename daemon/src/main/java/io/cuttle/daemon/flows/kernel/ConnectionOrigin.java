package io.cuttle.daemon.flows.kernel;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The socket uid and cgroup an outgoing TCP connection's SYN left with, as the kernel recorded it.
 *
 * @param localPort     the connection's local port
 * @param remoteAddress its remote address
 * @param remotePort    its remote port
 * @param uid           the socket's owner uid
 * @param cgroupId      the cgroup v2 id of the deepest cgroup the socket was created in
 */
public record ConnectionOrigin(int localPort, InetAddress remoteAddress, int remotePort, int uid, long cgroupId) {
  public ConnectionOrigin {
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }
}
