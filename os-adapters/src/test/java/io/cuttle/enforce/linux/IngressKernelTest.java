package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingress limit through IFB: an app receiving (iperf3 -R) is held to its limit by local port, and
 * removal takes the redirect, the ingress qdisc and the IFB device away again.
 */
class IngressKernelTest {
  private static final int PORT = 5501;
  private static NetnsLab lab;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("i", 16);
    Iperf.server(lab, PORT);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void aReceivingAppIsHeldToItsIngressLimitPerLocalPort() throws Exception {
    LinuxEnforcer e = lab.enforcer();
    long limit = 30_000_000;
    Process receiver = lab.startInA("iperf3", "-c", lab.ipB, "-p", Integer.toString(PORT), "-R", "-t", "6", "-i",
        "0.5", "--json");
    Thread.sleep(800);
    EnforcementReport rep = e.reconcile(DesiredState.combining(List.of(AppRestriction.of("down").withMaxDown(limit))),
        AppProcesses.of("down", Set.of(receiver.pid())));
    assertThat(rep.outcomeOf("down", ActionKind.LIMIT_DOWN)).isEqualTo(RestrictionOutcome.PARTIAL);
    String ifb = lab.settings().ifbName();
    ClassMeter meter = new ClassMeter(lab, ifb, "ce:" + Integer.toHexString(e.classIdOf("down").orElseThrow()));
    Thread.sleep(1000);
    ClassMeter.Reading from = meter.read();
    Thread.sleep(3000);
    ClassMeter.Reading to = meter.read();
    double held = to.bpsSince(from);
    EnforcementReport gone = lab.enforcer().reconcile(DesiredState.empty(), AppProcesses.none());
    receiver.waitFor();
    System.out.printf("ingress limit %d Mbit/s: %.3f Mbit/s through the IFB class (%.4f of the limit); %s%n",
        limit / 1_000_000, held / 1e6, held / limit, rep.of("down", ActionKind.LIMIT_DOWN).orElseThrow().detail());

    assertThat(held / limit).isBetween(0.93, 1.02);
    assertThat(gone.outcomeOf("down", ActionKind.LIMIT_DOWN)).as("a fresh adapter reverts it from what the kernel holds")
        .isEqualTo(RestrictionOutcome.REVERTED);
    assertThat(lab.inA("ip", "link", "show", "dev", ifb).ok()).isFalse();
    assertThat(lab.inA("tc", "qdisc", "show", "dev", lab.devA, "ingress").stdout()).isBlank();
  }
}
