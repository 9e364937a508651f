package io.cuttle.daemon.flows.netlink;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One socket as sock_diag reports it.
 *
 * @param key      its addresses and ports (local = this host's end)
 * @param state    kernel TCP state number (UDP: 1 connected, 7 unconnected)
 * @param cookie   the kernel's unique socket id, stable for the socket's life
 * @param uid      owner uid of the socket (the creator's)
 * @param inode    socket inode ({@code socket:[inode]} in {@code /proc/PID/fd}); 0 once the socket is
 *                 no longer attached to a file (closed, or reported by a destroy event)
 * @param counters TCP counters; empty for UDP
 * @param cgroupId id of the cgroup v2 the socket was created in; empty if the kernel did not say
 */
public record SocketEntry(FlowKey key, int state, long cookie, int uid, long inode, Optional<TcpCounters> counters,
    OptionalLong cgroupId) {
  public static final int TCP_ESTABLISHED = 1;
  public static final int TCP_LISTEN = 10;

  public SocketEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(cgroupId, "cgroupId");
  }

  public Protocol protocol() {
    return key.protocol();
  }
}
