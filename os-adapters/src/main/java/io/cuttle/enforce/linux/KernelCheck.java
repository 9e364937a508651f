package io.cuttle.enforce.linux;

import io.cuttle.enforce.VerifyReport.Drift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares the kernel with what the adapter last installed: the nft table (its {@code apps} set and
 * chains first; when those match, every rule and set element against the listing taken right after
 * the adapter installed the table, and each app's {@code socket cgroupv2} match against the id of
 * the app's cgroup now), the HTB classes and rates on every interface and on the IFB device, and the
 * app cgroups. Anything else in the kernel is someone else's and is not looked at.
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
      } else if (drift.isEmpty() && last.table().exists()) {
        NftListing now = nft.list();
        drift.addAll(NftDiff.compare(nft.name(), last.table(), now));
        compareCgroupIds(now, drift);
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

  /**
   * A rule matches a cgroup by the id it had when the rule was added: a cgroup deleted and made again
   * under the same path has a new id the rule does not match. Only numeric values can be checked (a
   * path means nft found the id in cgroupfs, i.e. the cgroup is there).
   */
  private void compareCgroupIds(NftListing now, List<Drift> drift) {
    now.cgroupRefs().forEach((slug, ref) -> {
      if (!ref.chars().allMatch(Character::isDigit) || ref.isEmpty()) {
        return;
      }
      Path dir = cgroups.dir(slug);
      String id;
      try {
        id = Files.getAttribute(dir, "unix:ino").toString();
      } catch (IOException | UnsupportedOperationException e) {
        return; // the cgroup itself is gone: reported by the cgroup check
      }
      if (!id.equals(ref)) {
        drift.add(new Drift("nft rule inet " + nft.name() + " out cgroup match of " + slug, "cgroup id " + id
            + " (" + cgroups.relative(slug) + ")", "cgroup id " + ref));
      }
    });
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
