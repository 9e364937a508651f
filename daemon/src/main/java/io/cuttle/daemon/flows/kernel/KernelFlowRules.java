package io.cuttle.daemon.flows.kernel;

import java.time.Duration;

/**
 * The nft script of the accounting's table ({@code inet NAME}, apart from the enforcement
 * adapter's table). Output and input hooks at priority {@value #PRIORITY} (before the usual filter
 * tables, which must not hide traffic from it; it never drops or changes a packet) send UDP to
 * per-direction sets whose elements carry a counter, and outgoing TCP SYNs to an origins set. Each
 * {@code update} that succeeds returns; a datagram whose set is full falls through to the counter
 * {@value #UNRECORDED}, so lost counts are known. The origin of a SYN is recorded at the deepest
 * cgroup level its socket has (levels {@code cgroupLevels} down to 1 are tried in turn; a socket in
 * the root cgroup records none).
 */
public final class KernelFlowRules {
  /** Hook priority of the table's chains. */
  public static final int PRIORITY = -150;
  /** Name of the counter of UDP datagrams no set could record (set full). */
  public static final String UNRECORDED = "udp_unrecorded";
  /** Sets of UDP counters: IPv4/IPv6, sent/received. */
  public static final String UDP4_OUT = "udp4_out";
  public static final String UDP4_IN = "udp4_in";
  public static final String UDP6_OUT = "udp6_out";
  public static final String UDP6_IN = "udp6_in";
  /** Sets of TCP connection origins (local port, remote address and port, socket uid, cgroup id). */
  public static final String ORIGINS4 = "tcp4_origins";
  public static final String ORIGINS6 = "tcp6_origins";
  /** How long an idle UDP 5-tuple keeps its counter in the kernel. */
  public static final Duration UDP_TIMEOUT = Duration.ofSeconds(120);
  /**
   * How long a connection's origin stays recorded after its last SYN, by default: long enough for
   * the next read, short enough that a read at 1,000 new connections/s lists a few thousand.
   */
  public static final Duration ORIGIN_TIMEOUT = Duration.ofSeconds(5);
  /** Elements per set. */
  public static final int SET_SIZE = 262_144;

  private KernelFlowRules() {}

  /** Creates (or replaces, in one transaction) table {@code inet name}, origins kept {@link #ORIGIN_TIMEOUT}. */
  public static String install(String name, int cgroupLevels) {
    return install(name, cgroupLevels, ORIGIN_TIMEOUT);
  }

  /** Creates (or replaces, in one transaction) table {@code inet name}, origins kept {@code originTimeout}. */
  public static String install(String name, int cgroupLevels, Duration originTimeout) {
    if (cgroupLevels < 1) {
      throw new IllegalArgumentException("cgroupLevels: expected at least 1, got " + cgroupLevels);
    }
    StringBuilder s = new StringBuilder();
    s.append("table inet ").append(name).append('\n');
    s.append("delete table inet ").append(name).append('\n');
    s.append("table inet ").append(name).append(" {\n");
    s.append("  counter ").append(UNRECORDED).append(" { }\n");
    udpSet(s, UDP4_OUT, "ipv4_addr");
    udpSet(s, UDP4_IN, "ipv4_addr");
    udpSet(s, UDP6_OUT, "ipv6_addr");
    udpSet(s, UDP6_IN, "ipv6_addr");
    long originSeconds = Math.max(1, originTimeout.toSeconds());
    originSet(s, ORIGINS4, "ip", originSeconds);
    originSet(s, ORIGINS6, "ip6", originSeconds);
    s.append("  chain output {\n    type filter hook output priority ").append(PRIORITY).append("; policy accept;\n")
        .append("    meta l4proto udp jump udp_out\n")
        .append("    meta l4proto tcp tcp flags syn / syn,ack jump origins\n  }\n");
    s.append("  chain input {\n    type filter hook input priority ").append(PRIORITY).append("; policy accept;\n")
        .append("    meta l4proto udp jump udp_in\n  }\n");
    s.append("  chain udp_out {\n")
        .append("    meta nfproto ipv4 update @").append(UDP4_OUT).append(" { ip saddr . udp sport . ip daddr . udp dport } return\n")
        .append("    meta nfproto ipv6 update @").append(UDP6_OUT).append(" { ip6 saddr . udp sport . ip6 daddr . udp dport } return\n")
        .append("    counter name ").append(UNRECORDED).append("\n  }\n");
    s.append("  chain udp_in {\n")
        .append("    meta nfproto ipv4 update @").append(UDP4_IN).append(" { ip daddr . udp dport . ip saddr . udp sport } return\n")
        .append("    meta nfproto ipv6 update @").append(UDP6_IN).append(" { ip6 daddr . udp dport . ip6 saddr . udp sport } return\n")
        .append("    counter name ").append(UNRECORDED).append("\n  }\n");
    s.append("  chain origins {\n");
    for (int level = cgroupLevels; level >= 1; level--) {
      for (String fam : new String[] {"ip", "ip6"}) {
        s.append("    meta nfproto ").append(fam.equals("ip") ? "ipv4" : "ipv6").append(" update @")
            .append(fam.equals("ip") ? ORIGINS4 : ORIGINS6).append(" { tcp sport . ").append(fam)
            .append(" daddr . tcp dport . meta skuid . socket cgroupv2 level ").append(level).append(" } return\n");
      }
    }
    s.append("  }\n}\n");
    return s.toString();
  }

  /** Removes table {@code inet name}. */
  public static String remove(String name) {
    return "delete table inet " + name + "\n";
  }

  private static void udpSet(StringBuilder s, String set, String addr) {
    s.append("  set ").append(set).append(" { type ").append(addr).append(" . inet_service . ").append(addr)
        .append(" . inet_service; flags dynamic, timeout; timeout ").append(UDP_TIMEOUT.toSeconds()).append("s; size ")
        .append(SET_SIZE).append("; counter; }\n");
  }

  private static void originSet(StringBuilder s, String set, String fam, long timeoutSeconds) {
    s.append("  set ").append(set).append(" { typeof tcp sport . ").append(fam)
        .append(" daddr . tcp dport . meta skuid . socket cgroupv2 level 1; flags dynamic, timeout; timeout ")
        .append(timeoutSeconds).append("s; size ").append(SET_SIZE).append("; }\n");
  }
}
