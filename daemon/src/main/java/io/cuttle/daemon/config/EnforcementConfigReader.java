package io.cuttle.daemon.config;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code enforcement} of {@code daemon.yaml}: either an adapter choice ({@code auto},
 * {@code none}, {@code linux}, ...) or a mapping with that choice under {@code adapter} and the
 * names the adapter owns. Problems become diagnostics.
 *
 * <pre>
 * enforcement:
 *   adapter: linux
 *   nft-table: cuttle
 *   cgroup-parent: cuttle/h1
 *   interfaces: [eth0]
 *   tc-major: 0xc7
 *   ifb: cuttle-ifb0
 *   netns: h1
 *   policy-prefix: cuttle
 * </pre>
 */
final class EnforcementConfigReader {
  private static final Set<String> FIELDS = Set.of("adapter", "nft-table", "cgroup-parent", "interfaces", "tc-major",
      "ifb", "netns", "policy-prefix");
  private static final Pattern ADAPTER = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,30}");
  private static final Pattern CGROUP = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
  private static final Pattern NETNS = Pattern.compile("[A-Za-z0-9_.-]+|/[A-Za-z0-9_./-]+");

  /** The adapter choice and the names it owns. */
  record Read(String adapter, EnforcementNames names) {
  }

  private EnforcementConfigReader() {
  }

  static Read read(ConfigNode n, Diagnostics d) {
    EnforcementNames dflt = EnforcementNames.defaults();
    if (n.isMissing()) {
      return new Read(DaemonConfig.ENFORCE_AUTO, dflt);
    }
    if (!n.isMap()) {
      return new Read(adapter(n, d), dflt);
    }
    n.allowOnly(d, FIELDS);
    String adapter = n.has("adapter") ? adapter(n.get("adapter"), d) : DaemonConfig.ENFORCE_AUTO;
    String table = name(n.get("nft-table"), d, TABLE, "an nftables table name (a letter, then up to 30 letters,"
        + " digits, '_' or '-')", dflt.nftTable());
    String cgroup = name(n.get("cgroup-parent"), d, CGROUP, "a cgroup path relative to the cgroup2 root, like"
        + " 'cuttle' or 'cuttle/h1' (no '..', no leading '/')", dflt.cgroupParent());
    if (java.util.Arrays.stream(cgroup.split("/")).anyMatch(seg -> seg.equals(".") || seg.equals(".."))) {
      d.error(n.get("cgroup-parent"), "expected a cgroup path without '.' or '..' segments, got '" + cgroup + "'");
    }
    List<String> interfaces = interfaces(n.get("interfaces"), d);
    int tcMajor = tcMajor(n.get("tc-major"), d, dflt.tcMajor());
    String ifb = name(n.get("ifb"), d, DEVICE, "an interface name of 1-15 letters, digits, '_', '.' or '-'",
        dflt.ifb());
    Optional<String> netns = n.has("netns") ? Optional.of(name(n.get("netns"), d, NETNS,
        "a network namespace name (under /run/netns) or an absolute path", "")) : dflt.netns();
    String prefix = name(n.get("policy-prefix"), d, TABLE, "a name prefix (a letter, then up to 30 letters, digits,"
        + " '_' or '-')", dflt.policyPrefix());
    return new Read(adapter, new EnforcementNames(table, cgroup, interfaces, tcMajor, ifb, netns, prefix));
  }

  private static String adapter(ConfigNode n, Diagnostics d) {
    return name(n, d, ADAPTER, "auto, none or an adapter name (like linux or dry-run)", DaemonConfig.ENFORCE_AUTO);
  }

  private static String name(ConfigNode n, Diagnostics d, Pattern p, String expected, String dflt) {
    if (n.isMissing()) {
      return dflt;
    }
    return n.parsed(d, expected, text -> {
      if (!p.matcher(text).matches()) {
        throw new IllegalArgumentException("does not match " + p);
      }
      return text;
    }).orElse(dflt);
  }

  private static List<String> interfaces(ConfigNode n, Diagnostics d) {
    if (n.isMissing()) {
      return List.of();
    }
    if (n.isMap()) {
      d.expected(n, "a list of interface names");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (ConfigNode item : n.isList() ? n.items(d) : List.of(n)) {
      String dev = name(item, d, DEVICE, "an interface name of 1-15 letters, digits, '_', '.' or '-'", "");
      if (!dev.isEmpty()) {
        if (out.contains(dev)) {
          d.error(item, "expected each interface once, got '" + dev + "' again");
        }
        out.add(dev);
      }
    }
    return out;
  }

  private static int tcMajor(ConfigNode n, Diagnostics d, int dflt) {
    if (n.isMissing()) {
      return dflt;
    }
    return n.parsed(d, "a tc handle major 1..0x7fff (decimal, or hex like 0xc7)", text -> {
      int v;
      try {
        v = Integer.decode(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an integer");
      }
      if (v < 1 || v > 0x7fff) {
        throw new IllegalArgumentException("out of range");
      }
      return v;
    }).orElse(dflt);
  }
}
