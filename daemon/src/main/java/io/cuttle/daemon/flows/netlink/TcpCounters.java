package io.cuttle.daemon.flows.netlink;

/**
 * Payload byte and segment counters of one TCP socket ({@code struct tcp_info}).
 *
 * @param bytesAcked    payload bytes sent and acknowledged (no retransmissions)
 * @param bytesReceived payload bytes received
 * @param segsOut       segments sent (including pure ACKs)
 * @param segsIn        segments received
 */
public record TcpCounters(long bytesAcked, long bytesReceived, long segsOut, long segsIn) {
  public static final TcpCounters ZERO = new TcpCounters(0, 0, 0, 0);
}
