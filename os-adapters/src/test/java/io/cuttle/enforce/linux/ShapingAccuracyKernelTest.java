package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Egress limits measured with iperf3 between two namespaces: delivered on-wire rate / limit for a
 * connection opened inside the app's cgroup, with an unrestricted iperf3 running beside it; and an
 * iperf3 that was already running when the limit arrived, then released again.
 */
class ShapingAccuracyKernelTest {
  private static final int LIMITED_PORT = 5301;
  private static final int FREE_PORT = 5302;
  /**
   * The unrestricted app beside the limited one is paced (iperf3 -b) so that it does not starve the
   * limited sender of CPU on a small machine; "unaffected" means it reaches its own pace.
   */
  private static final long FREE_BPS = 2_000_000_000L;
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);
  private static NetnsLab lab;
  private static LinuxEnforcer enforcer;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("s", 12);
    enforcer = lab.enforcer();
    Iperf.server(lab, LIMITED_PORT);
    Iperf.server(lab, FREE_PORT);
  }

  @AfterAll
  static void down() {
    if (enforcer != null) {
      enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
    }
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest(name = "{0} Mbit/s")
  @ValueSource(longs = {1, 5, 10, 50, 100, 500})
  void newConnectionsAreHeldToTheLimitWhileAnUnrestrictedAppIsNot(long mbit) throws Exception {
    long limit = mbit * 1_000_000;
    // The class sends whole offloaded packets of up to 68 KB (0.545 s each at 1 Mbit/s): the rate is
    // fitted through the counter's steps seen in readings 50 ms apart (see ClassMeter), over a longer
    // window at 1 Mbit/s where fewer steps fall in it.
    int seconds = mbit <= 1 ? 9 : 4;
    Process limited = Iperf.gatedClient(lab, LIMITED_PORT, seconds, 0.5);
    EnforcementReport rep = enforcer.reconcile(
        DesiredState.combining(List.of(AppRestriction.of("rated").withMaxUp(limit))),
        AppProcesses.of("rated", Set.of(limited.pid())));
    assertThat(rep.outcomeOf("rated", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.APPLIED);
    ClassMeter meter = new ClassMeter(lab, classOf("rated"));
    Iperf.release(limited);
    Process free = Iperf.pacedClient(lab, FREE_PORT, seconds, 0.5, FREE_BPS);
    Thread.sleep(1000);
    List<ClassMeter.Reading> series = meter.sample(Duration.ofMillis((long) ((seconds - 1.5) * 1000)), SAMPLE_EVERY);

    Iperf.Run limitedRun = Iperf.finish(limited);
    Iperf.Run freeRun = Iperf.finish(free);
    ClassMeter.Reading total = meter.read();
    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());

    ClassMeter.Reading from = series.get(0);
    ClassMeter.Reading to = series.get(series.size() - 1);
    double delivered = ClassMeter.paidRateBps(series);
    double receivedWire = limitedRun.wireBytes();
    double unrestricted = freeRun.wireBps(1.0, seconds);
    System.out.printf("limit %d Mbit/s: delivered %.3f Mbit/s on the wire (paid rate fitted over the class counter's steps in %d readings over %.2f s),"
        + " delivered/limit %.4f (first-to-last reading %.4f); receiver payload+headers / class bytes %.4f;"
        + " unrestricted beside it %.0f Mbit/s (paced at 2,000 Mbit/s of payload)%n",
        mbit, delivered / 1e6, series.size(), (to.nanos() - from.nanos()) / 1e9, delivered / limit,
        to.bpsSince(from) / limit, receivedWire / total.bytes(), unrestricted / 1e6);
    assertThat(delivered / limit).isBetween(0.93, 1.02);
    assertThat(receivedWire / total.bytes()).as("app bytes that bypassed the class").isLessThan(1.01);
    assertThat(unrestricted / FREE_BPS).as("unrestricted app's own pace reached").isGreaterThan(0.95);
  }

  @Test
  void anAlreadyRunningTransferIsHeldWithinOneSecondAndReleasedOnRemoval() throws Exception {
    long limit = 20_000_000;
    Process running = Iperf.client(lab, LIMITED_PORT, 8, 0.25);
    long t0 = System.nanoTime();
    Thread.sleep(2000);
    double appliedAt = (System.nanoTime() - t0) / 1e9;
    EnforcementReport rep = enforcer.reconcile(
        DesiredState.combining(List.of(AppRestriction.of("late").withMaxUp(limit))),
        AppProcesses.of("late", Set.of(running.pid())));
    assertThat(rep.outcomeOf("late", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.APPLIED);
    ClassMeter meter = new ClassMeter(lab, classOf("late"));
    ClassMeter.Reading atApply = meter.read();
    Thread.sleep(1000);
    ClassMeter.Reading oneSecondLater = meter.read();
    List<ClassMeter.Reading> heldSeries = meter.sample(Duration.ofSeconds(3), SAMPLE_EVERY);
    double removedAt = (System.nanoTime() - t0) / 1e9;
    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
    Iperf.Run run = Iperf.finish(running);

    double before = run.wireBps(0.5, Math.floor(appliedAt * 4) / 4);
    double firstSecond = oneSecondLater.bpsSince(atApply);
    double held = ClassMeter.paidRateBps(heldSeries);
    double heldGoodput = run.wireBps(Math.ceil((appliedAt + 1.0) * 4) / 4, Math.floor(removedAt * 4) / 4);
    double after = run.wireBps(Math.ceil((removedAt + 1.0) * 4) / 4, run.end());
    System.out.printf("already running: before %.0f Mbit/s; limit %d Mbit/s: first second %.3f Mbit/s, from 1 s on"
        + " %.3f Mbit/s on the wire (%.4f of the limit; receiver goodput+headers %.3f Mbit/s); 1 s after removal"
        + " %.0f Mbit/s%n", before / 1e6, limit / 1_000_000, firstSecond / 1e6, held / 1e6, held / limit,
        heldGoodput / 1e6, after / 1e6);
    assertThat(held / limit).isBetween(0.93, 1.02);
    assertThat(heldGoodput / limit).isLessThan(1.02);
    assertThat(after).isGreaterThan(5.0 * limit);
  }

  private static String classOf(String app) {
    return "ce:" + Integer.toHexString(enforcer.classIdOf(app).orElseThrow());
  }
}
