package io.cuttle.enforce.linux;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Ingress shaping: each interface's ingress traffic is redirected (u32 match-all + mirred) to an IFB
 * device the adapter owns, where an HTB qdisc holds one class per app and u32 filters send packets to
 * an app's class by destination (local) port. The socket is not known at ingress, so this is per port,
 * not per process. With nothing wanted, the redirect, the ingress qdisc (if nothing else uses it) and
 * the IFB device are removed.
 */
final class IfbIngress {
  /** Filter priority of the adapter's redirect on the interface's ingress qdisc. */
  static final int REDIRECT_PRIO = 49152;
  private final CommandRunner run;
  private final TcEgress ifbClasses;
  private final String ifb;
  private final int major;
  /** False once a teardown found nothing (or removed it all) and nothing was installed since. */
  private boolean mayBePresent = true;

  IfbIngress(CommandRunner run, int major, String ifb) {
    this.run = run;
    this.ifb = ifb;
    this.major = major;
    this.ifbClasses = new TcEgress(run, major);
  }

  /** One app's ingress limit: its rate and the local ports it uses. */
  record Want(long bps, Set<Integer> localPorts) {
  }

  /** Makes the kernel match {@code wanted} (class minor to want); returns per minor the failures. */
  Map<Integer, String> apply(List<String> devices, Map<Integer, Want> wanted) {
    Map<Integer, String> failed = new TreeMap<>();
    if (wanted.isEmpty()) {
      if (mayBePresent) {
        teardown(devices);
        mayBePresent = false;
      }
      return failed;
    }
    mayBePresent = true;
    String err = ensureIfb(devices);
    if (err != null) {
      wanted.keySet().forEach(m -> failed.put(m, err));
      return failed;
    }
    Map<Integer, Long> rates = new TreeMap<>();
    wanted.forEach((m, w) -> rates.put(m, w.bps()));
    failed.putAll(ifbClasses.apply(ifb, rates));
    run.run(List.of("tc", "filter", "del", "dev", ifb, "parent", ifbClasses.handle()));
    StringBuilder batch = new StringBuilder();
    wanted.forEach((minor, w) -> {
      String flow = ifbClasses.handle() + Integer.toHexString(minor);
      for (int port : w.localPorts()) {
        batch.append("filter add dev ").append(ifb).append(" parent ").append(ifbClasses.handle())
            .append(" protocol ip prio ").append(minor).append(" u32 match ip dport ").append(port)
            .append(" 0xffff flowid ").append(flow).append('\n');
        batch.append("filter add dev ").append(ifb).append(" parent ").append(ifbClasses.handle())
            .append(" protocol ipv6 prio ").append(minor).append(" u32 match ip6 dport ").append(port)
            .append(" 0xffff flowid ").append(flow).append('\n');
      }
    });
    if (!batch.isEmpty()) {
      CommandResult r = run.run(List.of("tc", "-force", "-batch", "-"), batch.toString());
      if (!r.ok()) {
        wanted.keySet().forEach(m -> failed.putIfAbsent(m, r.describe()));
      }
    }
    return failed;
  }

  /** True when the IFB device exists (for verify). */
  boolean present() {
    return run.run(List.of("ip", "link", "show", "dev", ifb)).ok();
  }

  Map<Integer, Long> classes() {
    return ifbClasses.classes(ifb);
  }

  private String ensureIfb(List<String> devices) {
    if (!present()) {
      CommandResult r = run.run(List.of("ip", "link", "add", ifb, "type", "ifb"));
      if (!r.ok()) {
        return r.describe();
      }
    }
    CommandResult up = run.run(List.of("ip", "link", "set", ifb, "up"));
    if (!up.ok()) {
      return up.describe();
    }
    for (String dev : devices) {
      if (!hasRedirect(dev)) {
        run.run(List.of("tc", "qdisc", "add", "dev", dev, "handle", "ffff:", "ingress"));
        CommandResult f = run.run(List.of("tc", "filter", "add", "dev", dev, "parent", "ffff:", "protocol", "all",
            "prio", Integer.toString(REDIRECT_PRIO), "u32", "match", "u32", "0", "0", "action", "mirred", "egress",
            "redirect", "dev", ifb));
        if (!f.ok()) {
          return f.describe();
        }
      }
    }
    return null;
  }

  private boolean hasRedirect(String dev) {
    CommandResult r = run.run(List.of("tc", "filter", "show", "dev", dev, "parent", "ffff:"));
    return r.ok() && r.stdout().contains("to device " + ifb + ")");
  }

  private void teardown(List<String> devices) {
    for (String dev : devices) {
      if (hasRedirect(dev)) {
        run.run(List.of("tc", "filter", "del", "dev", dev, "parent", "ffff:", "prio", Integer.toString(REDIRECT_PRIO)));
        CommandResult left = run.run(List.of("tc", "filter", "show", "dev", dev, "parent", "ffff:"));
        if (left.ok() && left.stdout().isBlank()) {
          run.run(List.of("tc", "qdisc", "del", "dev", dev, "ingress"));
        }
      }
    }
    if (present()) {
      run.run(List.of("ip", "link", "del", ifb));
    }
  }

  int major() {
    return major;
  }
}
