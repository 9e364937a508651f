package io.cuttle.daemon.flows.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares socket owners with what {@code ss -tanpi} says. */
final class SsOracle {
  private static final Pattern LINE = Pattern.compile(
      "^(\\S+)\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+(\\S+):(\\d+)\\s+users:\\((.*)\\)");
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");

  record SsSocket(String local, int localPort, String remote, int remotePort, List<Integer> pids) {}

  private SsOracle() {}

  static List<SsSocket> parse(String ss) {
    List<SsSocket> out = new ArrayList<>();
    for (String line : ss.split("\n")) {
      Matcher m = LINE.matcher(line.trim());
      if (m.find()) {
        List<Integer> pids = new ArrayList<>();
        Matcher p = PID.matcher(m.group(6));
        while (p.find()) {
          pids.add(Integer.parseInt(p.group(1)));
        }
        out.add(new SsSocket(m.group(2), Integer.parseInt(m.group(3)), m.group(4), Integer.parseInt(m.group(5)), pids));
      }
    }
    return out;
  }

  /** Every socket of {@code pid} in ss is a flow of the snapshot owned by that PID, and vice versa. */
  static void assertOwnersAgree(String ss, HostSnapshot snap, long pid) {
    List<SsSocket> mine = parse(ss).stream().filter(s -> s.pids().contains((int) pid)).toList();
    assertThat(mine).as("sockets of pid %d in ss -tanpi:%n%s", pid, ss).isNotEmpty();
    List<FlowRecord> flows = snap.apps().stream().flatMap(a -> a.flows().stream()).toList();
    for (SsSocket s : mine) {
      FlowRecord f = flows.stream().filter(r -> r.key().localPort() == s.localPort()
          && r.key().remotePort() == s.remotePort() && r.key().remoteAddress().getHostAddress().equals(s.remote()))
          .findFirst().orElseThrow(() -> new AssertionError("ss socket " + s + " is not among the flows " + flows));
      assertThat(f.owner().pid()).as("owner of %s", s).hasValue((int) pid);
    }
    for (FlowRecord f : flows) {
      if (f.owner().pid().isPresent() && f.owner().pid().getAsInt() == pid) {
        assertThat(mine).as("flow %s owned by %d in ss", f.key(), pid)
            .anyMatch(s -> s.localPort() == f.key().localPort() && s.remotePort() == f.key().remotePort());
      }
    }
  }
}
