package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Block (the app's connect fails fast with "refused", another app's succeeds) and DSCP marks seen by tcpdump. */
class BlockAndMarkKernelTest {
  private static final int PORT = 5401;
  private static NetnsLab lab;
  private static LinuxEnforcer enforcer;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("b", 13);
    enforcer = lab.enforcer();
    Iperf.server(lab, PORT);
  }

  @AfterEach
  void clear() {
    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aBlockedAppGetsConnectionRefusedWithinASecondWhileAnotherAppConnects() throws Exception {
    ConnectProbe blocked = new ConnectProbe(lab);
    ConnectProbe other = new ConnectProbe(lab);
    assertThat(blocked.connect(lab.ipB, PORT).answer()).isEqualTo("OK");

    EnforcementReport rep = enforcer.reconcile(DesiredState.combining(List.of(AppRestriction.of("bad").withBlock())),
        AppProcesses.of("bad", Set.of(blocked.pid())));
    ConnectProbe.Attempt refused = blocked.connect(lab.ipB, PORT);
    ConnectProbe.Attempt fine = other.connect(lab.ipB, PORT);
    ConnectProbe.Attempt udp = blocked.sendUdp(lab.ipB, PORT);
    ConnectProbe.Attempt udpOther = other.sendUdp(lab.ipB, PORT);
    System.out.printf("blocked app: '%s' after %.1f ms; UDP: '%s'; other app: '%s', UDP '%s'%n", refused.answer(),
        refused.seconds() * 1e3, udp.answer(), fine.answer(), udpOther.answer());

    assertThat(rep.outcomeOf("bad", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
    assertThat(refused.answer()).contains("Connection refused").endsWith("FAIL");
    assertThat(refused.seconds()).isLessThan(1.0);
    assertThat(fine.answer()).isEqualTo("OK");
    assertThat(udp.answer()).contains("Operation not permitted").endsWith("FAIL");
    assertThat(udpOther.answer()).isEqualTo("OK");

    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
    assertThat(blocked.connect(lab.ipB, PORT).answer()).isEqualTo("OK");
  }

  @Test
  void markedPacketsCarryTheDscpOnTheWire() throws Exception {
    ConnectProbe marked = new ConnectProbe(lab);
    EnforcementReport rep = enforcer.reconcile(DesiredState.combining(List.of(AppRestriction.of("voice").withDscp(46))),
        AppProcesses.of("voice", Set.of(marked.pid())));
    assertThat(rep.outcomeOf("voice", ActionKind.MARK)).isEqualTo(RestrictionOutcome.APPLIED);
    Process dump = lab.startInB("tcpdump", "-l", "-n", "-v", "-c", "2", "-i", lab.devB, "tcp dst port " + PORT
        + " and tcp[tcpflags] & tcp-syn != 0");
    Thread.sleep(700);
    ConnectProbe unmarked = new ConnectProbe(lab);
    assertThat(marked.connect(lab.ipB, PORT).answer()).isEqualTo("OK");
    assertThat(unmarked.connect(lab.ipB, PORT).answer()).isEqualTo("OK");
    assertThat(dump.waitFor(10, TimeUnit.SECONDS)).as("tcpdump saw two SYNs").isTrue();
    List<String> lines = new BufferedReader(new InputStreamReader(dump.getInputStream(), StandardCharsets.UTF_8))
        .lines().filter(l -> l.contains("tos ")).toList();
    System.out.println("tcpdump: " + lines);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("tos 0xb8");
    assertThat(lines.get(1)).contains("tos 0x0");
  }
}
