package io.cuttle.enforce.linux;

import io.cuttle.host.enforce.AppRestriction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the adapter's whole nft table as one {@code nft -f} transaction that deletes and re-creates
 * it atomically. The set {@code apps} holds one element per app (its class number) with the comment
 * {@code app=<slug> class=<n> kinds=<k,...>}: the adapter reads its state back from that set, because
 * listing rules with {@code socket cgroupv2} makes nft resolve each cgroup id by walking cgroupfs
 * (about 9 ms per rule here). Every rule also carries a comment {@code app=<slug> class=<n> kind=<kind>}
 * for people reading the table and for verify, which names a missing or changed rule by it.
 */
final class NftScript {
  static final String KIND_MATCH_CGROUP = "cgroup";
  static final String KIND_MATCH_OPEN4 = "open4";
  static final String KIND_MATCH_OPEN6 = "open6";
  static final String KIND_BLOCK = "block";
  static final String KIND_MARK = "mark";
  static final String KIND_LIMIT = "limit";
  static final String KIND_INGRESS = "ingress";

  private NftScript() {
  }

  /** The transaction: ensure the table exists, delete it, define it with {@code rules}. */
  static String render(String table, int tcMajor, List<AppRule> rules) {
    StringBuilder b = new StringBuilder();
    b.append("table inet ").append(table).append(" {}\n");
    b.append("delete table inet ").append(table).append("\n");
    b.append("table inet ").append(table).append(" {\n");
    b.append("  set apps {\n    type mark;\n    elements = { ").append(rules.stream()
        .map(r -> r.classId() + " comment \"" + entry(r) + "\"").collect(Collectors.joining(", "))).append(" }\n  }\n");
    for (AppRule r : rules) {
      sets(b, r);
    }
    b.append("  chain out {\n    type filter hook output priority 0; policy accept;\n");
    for (AppRule r : rules) {
      String jump = " jump app_" + r.classId();
      if (r.hasCgroupMatch()) {
        b.append("    socket cgroupv2 level ").append(r.cgroupLevel()).append(" \"").append(r.cgroupNftPath())
            .append('"').append(jump).append(comment(r, KIND_MATCH_CGROUP));
      }
      b.append("    meta l4proto { tcp, udp } ip saddr . th sport . ip daddr . th dport @c4_").append(r.classId())
          .append(jump).append(comment(r, KIND_MATCH_OPEN4));
      b.append("    meta l4proto { tcp, udp } ip6 saddr . th sport . ip6 daddr . th dport @c6_").append(r.classId())
          .append(jump).append(comment(r, KIND_MATCH_OPEN6));
    }
    b.append("  }\n");
    for (AppRule r : rules) {
      appChain(b, r, tcMajor);
    }
    b.append("}\n");
    return b.toString();
  }

  /** Just deletes the table (when nothing is wanted any more). */
  static String deleteTable(String table) {
    return "table inet " + table + " {}\ndelete table inet " + table + "\n";
  }

  /** The {@code apps} set element comments {@link #render} writes: what verify compares. */
  static List<String> expectedEntries(List<AppRule> rules) {
    return rules.stream().map(NftScript::entry).sorted().toList();
  }

  /** The chains {@link #render} creates. */
  static List<String> expectedChains(List<AppRule> rules) {
    List<String> out = new ArrayList<>(List.of("out"));
    rules.forEach(r -> out.add("app_" + r.classId()));
    return out.stream().sorted().toList();
  }

  static String entry(AppRule r) {
    AppRestriction x = r.restriction();
    List<String> kinds = new ArrayList<>();
    if (x.blocked()) {
      kinds.add(KIND_BLOCK);
    }
    if (x.dscp().isPresent()) {
      kinds.add(KIND_MARK);
    }
    if (x.maxUpBps().isPresent()) {
      kinds.add(KIND_LIMIT);
    }
    if (x.maxDownBps().isPresent()) {
      kinds.add(KIND_INGRESS);
    }
    return "app=" + r.slug() + " class=" + r.classId() + " kinds=" + String.join(",", kinds);
  }

  static String tag(AppRule r, String kind) {
    return "app=" + r.slug() + " class=" + r.classId() + " kind=" + kind;
  }

  private static void sets(StringBuilder b, AppRule r) {
    List<Connection> v4 = r.openConnections().stream().filter(c -> !c.v6()).toList();
    List<Connection> v6 = r.openConnections().stream().filter(Connection::v6).toList();
    set(b, "c4_" + r.classId(), "ipv4_addr . inet_service . ipv4_addr . inet_service", v4);
    set(b, "c6_" + r.classId(), "ipv6_addr . inet_service . ipv6_addr . inet_service", v6);
  }

  private static void set(StringBuilder b, String name, String type, List<Connection> elements) {
    b.append("  set ").append(name).append(" {\n    type ").append(type).append(";\n");
    if (!elements.isEmpty()) {
      b.append("    elements = { ")
          .append(elements.stream().map(Connection::nftElement).distinct().collect(Collectors.joining(", ")))
          .append(" }\n");
    }
    b.append("  }\n");
  }

  private static void appChain(StringBuilder b, AppRule r, int tcMajor) {
    AppRestriction x = r.restriction();
    b.append("  chain app_").append(r.classId()).append(" {\n");
    if (x.blocked()) {
      b.append("    meta l4proto tcp reject with tcp reset").append(comment(r, KIND_BLOCK));
      b.append("    reject").append(comment(r, KIND_BLOCK));
    }
    if (x.dscp().isPresent()) {
      int d = x.dscp().getAsInt();
      b.append("    ip dscp set ").append(d).append(comment(r, KIND_MARK));
      b.append("    ip6 dscp set ").append(d).append(comment(r, KIND_MARK));
    }
    if (x.maxUpBps().isPresent()) {
      b.append("    meta priority set ").append(Integer.toHexString(tcMajor)).append(':')
          .append(Integer.toHexString(r.classId())).append(comment(r, KIND_LIMIT));
    }
    b.append("  }\n");
  }

  private static String comment(AppRule r, String kind) {
    return " comment \"" + tag(r, kind) + "\"\n";
  }
}
