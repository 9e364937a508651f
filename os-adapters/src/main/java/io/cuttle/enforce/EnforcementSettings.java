package io.cuttle.enforce;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Names and places an adapter owns, so that everything it installs can be found and removed again,
 * and so that tests can use their own names beside a running daemon.
 *
 * @param nftTable name of the {@code inet} nftables table the Linux adapter owns
 * @param cgroupParent cgroup (relative to the cgroup2 root) under which app cgroups are created
 * @param interfaces egress interfaces to shape; empty means the interfaces of the default routes
 * @param tcMajor tc handle major (1..0x7fff) of the HTB qdiscs the Linux adapter installs
 * @param ifbName IFB device used for ingress shaping
 * @param netns network namespace (name under /run/netns or a path) in which nft/tc run; empty = own
 * @param policyPrefix name prefix of Windows QoS policies/firewall rules and of the macOS pf anchor
 * @param planSink where the dry-run adapter prints its plan
 */
public record EnforcementSettings(String nftTable, String cgroupParent, List<String> interfaces, int tcMajor,
    String ifbName, Optional<String> netns, String policyPrefix, Consumer<String> planSink) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,30}");

  public EnforcementSettings {
    requireMatch(TABLE, nftTable, "nftTable");
    Objects.requireNonNull(cgroupParent, "cgroupParent");
    if (cgroupParent.isBlank() || cgroupParent.startsWith("/") || cgroupParent.contains("..")) {
      throw new IllegalArgumentException("cgroupParent: expected a relative path like 'cuttle', got '" + cgroupParent + "'");
    }
    interfaces = List.copyOf(interfaces);
    interfaces.forEach(i -> requireMatch(NAME, i, "interfaces"));
    if (tcMajor < 1 || tcMajor > 0x7fff) {
      throw new IllegalArgumentException("tcMajor: expected 1..0x7fff, got 0x" + Integer.toHexString(tcMajor));
    }
    requireMatch(NAME, ifbName, "ifbName");
    Objects.requireNonNull(netns, "netns");
    requireMatch(TABLE, policyPrefix, "policyPrefix");
    Objects.requireNonNull(planSink, "planSink");
  }

  /** Production names: table/cgroup/prefix {@code cuttle}, tc major 0xc7, IFB {@code cuttle-ifb0}. */
  public static EnforcementSettings defaults() {
    return new EnforcementSettings("cuttle", "cuttle", List.of(), 0xc7, "cuttle-ifb0", Optional.empty(), "cuttle",
        System.out::println);
  }

  /** All owned names derived from one prefix (tests use their own). */
  public static EnforcementSettings prefixed(String prefix, int tcMajor) {
    return new EnforcementSettings(prefix, prefix, List.of(), tcMajor, prefix + "-ifb0", Optional.empty(), prefix,
        System.out::println);
  }

  public EnforcementSettings withInterfaces(List<String> ifaces) {
    return new EnforcementSettings(nftTable, cgroupParent, ifaces, tcMajor, ifbName, netns, policyPrefix, planSink);
  }

  public EnforcementSettings withNetns(String ns) {
    return new EnforcementSettings(nftTable, cgroupParent, interfaces, tcMajor, ifbName, Optional.of(ns), policyPrefix,
        planSink);
  }

  public EnforcementSettings withPlanSink(Consumer<String> sink) {
    return new EnforcementSettings(nftTable, cgroupParent, interfaces, tcMajor, ifbName, netns, policyPrefix, sink);
  }

  private static void requireMatch(Pattern p, String value, String field) {
    if (value == null || !p.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": expected a name matching " + p + ", got '" + value + "'");
    }
  }
}
