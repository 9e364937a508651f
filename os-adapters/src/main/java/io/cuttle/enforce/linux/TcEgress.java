package io.cuttle.enforce.linux;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The HTB qdisc and classes the adapter owns on one interface (handle {@code major:}). Unclassified
 * traffic ({@code default 0}) passes unshaped; a packet whose {@code skb->priority} is
 * {@code major:n} goes to class {@code major:n}. With no class wanted, the qdisc is deleted and the
 * interface gets its kernel-default qdisc back. A root qdisc someone else configured is never replaced.
 */
final class TcEgress {
  private final CommandRunner run;
  private final int major;
  /** Devices where this adapter removed its qdisc or found none since the last {@link #forget}. */
  private final Set<String> knownAbsent = new HashSet<>();

  TcEgress(CommandRunner run, int major) {
    this.run = run;
    this.major = major;
  }

  /** Who holds the root of an interface. */
  enum RootOwner { OURS, KERNEL_DEFAULT, FOREIGN, NO_DEVICE }

  record Root(RootOwner owner, String detail) {
  }

  /** Forgets which devices hold no qdisc of ours (the kernel was changed behind the adapter's back). */
  void forget() {
    knownAbsent.clear();
  }

  String handle() {
    return Integer.toHexString(major) + ":";
  }

  Root root(String dev) {
    CommandResult r = run.run(List.of("tc", "qdisc", "show", "dev", dev, "root"));
    if (!r.ok()) {
      return new Root(RootOwner.NO_DEVICE, r.describe());
    }
    String line = r.stdout().lines().findFirst().orElse("");
    String[] f = line.split("\\s+");
    if (f.length < 3) {
      return new Root(RootOwner.KERNEL_DEFAULT, "no root qdisc");
    }
    if (f[1].equals("htb") && f[2].equals(handle())) {
      return new Root(RootOwner.OURS, line);
    }
    return new Root(f[2].equals("0:") ? RootOwner.KERNEL_DEFAULT : RootOwner.FOREIGN, f[1] + " " + f[2]);
  }

  /** Our classes on {@code dev}: minor to printed rate in bit/s. */
  Map<Integer, Long> classes(String dev) {
    Map<Integer, Long> out = new TreeMap<>();
    CommandResult r = run.run(List.of("tc", "class", "show", "dev", dev));
    if (!r.ok()) {
      return out;
    }
    for (String line : r.stdout().lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 3 || !f[0].equals("class") || !f[1].equals("htb") || !f[2].startsWith(handle())) {
        continue;
      }
      int minor = Integer.parseInt(f[2].substring(handle().length()), 16);
      int at = List.of(f).indexOf("rate");
      long rate = at >= 0 && at + 1 < f.length ? TcRates.parse(f[at + 1]).orElse(-1L) : -1L;
      out.put(minor, rate);
    }
    return out;
  }

  /**
   * Makes {@code dev} hold exactly {@code wanted} (minor to bit/s). Returns, per minor that failed,
   * the kernel's message; an interface-wide failure is reported for every wanted minor.
   */
  Map<Integer, String> apply(String dev, Map<Integer, Long> wanted) {
    Map<Integer, String> failed = new TreeMap<>();
    if (wanted.isEmpty() && knownAbsent.contains(dev)) {
      return failed; // nothing of ours there since we last looked: no command needed
    }
    knownAbsent.remove(dev);
    Root root = root(dev);
    if (wanted.isEmpty()) {
      if (root.owner() != RootOwner.OURS || run.run(List.of("tc", "qdisc", "del", "dev", dev, "root")).ok()) {
        knownAbsent.add(dev);
      }
      return failed;
    }
    if (root.owner() == RootOwner.FOREIGN || root.owner() == RootOwner.NO_DEVICE) {
      String why = root.owner() == RootOwner.FOREIGN
          ? dev + ": expected the kernel-default root qdisc or ours (htb " + handle() + "), got " + root.detail()
              + "; not replacing it"
          : root.detail();
      wanted.keySet().forEach(m -> failed.put(m, why));
      return failed;
    }
    if (root.owner() == RootOwner.KERNEL_DEFAULT) {
      CommandResult r = run.run(List.of("tc", "qdisc", "replace", "dev", dev, "root", "handle", handle(), "htb",
          "default", "0"));
      if (!r.ok()) {
        wanted.keySet().forEach(m -> failed.put(m, r.describe()));
        return failed;
      }
    }
    Map<Integer, Long> have = classes(dev);
    StringBuilder batch = new StringBuilder();
    List<Integer> changed = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : wanted.entrySet()) {
      Long now = have.get(e.getKey());
      if (now == null || !TcRates.same(e.getValue(), now)) {
        List<String> args = classArgs(dev, e.getKey(), e.getValue());
        batch.append(String.join(" ", args.subList(1, args.size()))).append('\n');
        changed.add(e.getKey());
      }
    }
    for (int minor : have.keySet()) {
      if (!wanted.containsKey(minor)) {
        batch.append("class del dev ").append(dev).append(" classid ").append(handle())
            .append(Integer.toHexString(minor)).append('\n');
      }
    }
    if (!batch.isEmpty() && !run.run(List.of("tc", "-batch", "-"), batch.toString()).ok()) {
      // attribute the failure: redo the wanted classes one by one
      for (int minor : changed) {
        setClass(dev, minor, wanted.get(minor)).ifPresent(err -> failed.put(minor, err));
      }
      for (int minor : have.keySet()) {
        if (!wanted.containsKey(minor)) {
          run.run(List.of("tc", "class", "del", "dev", dev, "classid", handle() + Integer.toHexString(minor)));
        }
      }
    }
    return failed;
  }

  private Optional<String> setClass(String dev, int minor, long bps) {
    CommandResult r = run.run(classArgs(dev, minor, bps));
    return r.ok() ? Optional.empty() : Optional.of(r.describe());
  }

  private List<String> classArgs(String dev, int minor, long bps) {
    String rate = bps + "bit";
    String burst = TcRates.burst(bps) + "b";
    return List.of("tc", "class", "replace", "dev", dev, "parent", handle(), "classid",
        handle() + Integer.toHexString(minor), "htb", "rate", rate, "ceil", rate, "burst", burst, "cburst", burst,
        "quantum", Long.toString(TcRates.quantum(bps)));
  }
}
