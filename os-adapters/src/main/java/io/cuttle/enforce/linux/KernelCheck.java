package io.cuttle.enforce.linux;

import io.cuttle.enforce.VerifyReport.Drift;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the kernel with what the adapter last installed: the nft table's rules (by their
 * comments), the HTB classes and rates on every interface and on the IFB device, and the app
 * cgroups. Anything else in the kernel is someone else's and is not looked at.
 */
final class KernelCheck {
  private final NftTable nft;
  private final TcEgress egress;
  private final IfbIngress ingress;
  private final AppCgroups cgroups;
  private final List<String> interfaces;

  KernelCheck(NftTable nft, TcEgress egress, IfbIngress ingress, AppCgroups cgroups, List<String> interfaces) {
    this.nft = nft;
    this.egress = egress;
    this.ingress = ingress;
    this.cgroups = cgroups;
    this.interfaces = interfaces;
  }

  List<Drift> compare(LinuxEnforcer.Applied last) {
    List<Drift> drift = new ArrayList<>();
    NftTable.View view = nft.read();
    if (!last.slugs().isEmpty() && !view.exists()) {
      drift.add(new Drift("nft table inet " + nft.name(), "present", "absent"));
    } else if (!last.entries().equals(view.entries())) {
      drift.add(new Drift("nft table inet " + nft.name() + " apps", last.entries().toString(), view.entries().toString()));
    }
    if (!last.slugs().isEmpty() && view.exists()) {
      List<String> chains = nft.chains();
      if (!chains.equals(last.chains())) {
        drift.add(new Drift("nft table inet " + nft.name() + " chains", last.chains().toString(), chains.toString()));
      }
    }
    for (String dev : interfaces) {
      compareClasses("htb classes on " + dev, last.egress(), egress.classes(dev), drift);
    }
    if (!last.ingress().isEmpty()) {
      compareClasses("htb classes on IFB", last.ingress(), ingress.classes(), drift);
    }
    for (String slug : last.slugs()) {
      if (!Files.isDirectory(cgroups.dir(slug))) {
        drift.add(new Drift("cgroup " + cgroups.relative(slug), "present", "absent"));
      }
    }
    return drift;
  }

  private static void compareClasses(String what, Map<Integer, Long> want, Map<Integer, Long> have, List<Drift> drift) {
    Map<Integer, Long> w = new TreeMap<>(want);
    boolean same = w.keySet().equals(have.keySet())
        && w.entrySet().stream().allMatch(e -> TcRates.same(e.getValue(), Objects.requireNonNullElse(have.get(e.getKey()), -1L)));
    if (!same) {
      drift.add(new Drift(what, w.toString(), have.toString()));
    }
  }
}
