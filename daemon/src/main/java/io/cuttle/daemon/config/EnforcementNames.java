package io.cuttle.daemon.config;

import io.cuttle.enforce.EnforcementSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The names and places the enforcement adapter owns on this host, from the mapping form of
 * {@code enforcement} in {@code daemon.yaml}. Two daemons on one machine (one per network
 * namespace, say) need different cgroup parents; everything else may differ too. The values are
 * checked by {@link EnforcementConfigReader}; {@link #settings} hands them to the adapter.
 *
 * @param nftTable     name of the {@code inet} nftables table (one per network namespace)
 * @param cgroupParent cgroup, relative to the cgroup2 root, under which app cgroups are created
 * @param interfaces   egress interfaces to shape; empty = the devices of the default routes
 * @param tcMajor      tc handle major (1..0x7fff) of the adapter's HTB qdiscs
 * @param ifb          IFB device used for ingress shaping
 * @param netns        network namespace (name under /run/netns or a path) the adapter works in;
 *                     empty = the daemon's own
 * @param policyPrefix prefix of Windows QoS policies / firewall rules and of the macOS pf anchor
 */
public record EnforcementNames(String nftTable, String cgroupParent, List<String> interfaces, int tcMajor, String ifb,
    Optional<String> netns, String policyPrefix) {

  public EnforcementNames {
    Objects.requireNonNull(nftTable, "nftTable");
    Objects.requireNonNull(cgroupParent, "cgroupParent");
    interfaces = List.copyOf(interfaces);
    Objects.requireNonNull(ifb, "ifb");
    Objects.requireNonNull(netns, "netns");
    Objects.requireNonNull(policyPrefix, "policyPrefix");
  }

  /** The production names, those of {@link EnforcementSettings#defaults()}. */
  public static EnforcementNames defaults() {
    EnforcementSettings s = EnforcementSettings.defaults();
    return new EnforcementNames(s.nftTable(), s.cgroupParent(), s.interfaces(), s.tcMajor(), s.ifbName(), s.netns(),
        s.policyPrefix());
  }

  /** The adapter's settings with these names; the dry-run adapter prints its plan to {@code planSink}. */
  public EnforcementSettings settings(Consumer<String> planSink) {
    return new EnforcementSettings(nftTable, cgroupParent, interfaces, tcMajor, ifb, netns, policyPrefix, planSink);
  }
}
