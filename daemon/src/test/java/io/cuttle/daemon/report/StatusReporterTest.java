package io.cuttle.daemon.report;

import static io.cuttle.daemon.fake.TestStates.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.fake.FakeStateDistribution;
import io.cuttle.daemon.fake.InProcessControllers;
import io.cuttle.daemon.subscription.ControllerClient;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.ReportAck;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
  private final InProcessControllers controllers = new InProcessControllers();
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private ControllerClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    scheduler.shutdownNow();
    controllers.close();
  }

  private static HostReport report() {
    return HostReports.of("web-1", "1.2.3", office(), Duration.ofMillis(1500), Instant.ofEpochMilli(1_000),
        List.of("something is off"));
  }

  @Test
  void hostReportHasEveryField() {
    HostReport r = report();

    assertThat(r.getHostId()).isEqualTo("web-1");
    assertThat(r.getDaemonVersion()).isEqualTo("1.2.3");
    assertThat(r.getLineageId()).isEqualTo(office().lineage().id());
    assertThat(r.getVersion()).isEqualTo(5);
    assertThat(r.getStalenessMs()).isEqualTo(1500);
    assertThat(r.getReportedAtMs()).isEqualTo(1_000);
    assertThat(r.getErrorsList()).containsExactly("something is off");
  }

  @Test
  void failedReportIsKeptUntilOneGetsThroughAndTheAckVersionIsKept() throws Exception {
    FakeStateDistribution ctl = new FakeStateDistribution();
    ctl.ackVersion = 9;
    HostPort down = controllers.unused();
    HostPort up = controllers.start(ctl);
    client = new ControllerClient(List.of(down, up), controllers.channels());
    StatusReporter reporter = new StatusReporter(client, StatusReporterTest::report, Duration.ofHours(1), scheduler);

    assertThatThrownBy(() -> reporter.sendNow().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    assertThat(reporter.lastError()).hasValueSatisfying(e -> assertThat(e)
        .startsWith("report to controller " + down + " failed: UNAVAILABLE"));
    assertThat(reporter.controllerVersion()).isEqualTo(-1);

    client.failover();
    ReportAck ack = reporter.sendNow().get(10, TimeUnit.SECONDS);

    assertThat(ack.getVersion()).isEqualTo(9);
    assertThat(ctl.awaitReport()).isEqualTo(report());
    assertThat(reporter.lastError()).isEmpty();
    assertThat(reporter.controllerVersion()).isEqualTo(9);
  }

  @Test
  void startedReporterSendsEveryInterval() {
    FakeStateDistribution ctl = new FakeStateDistribution();
    client = new ControllerClient(List.of(controllers.start(ctl)), controllers.channels());
    StatusReporter reporter = new StatusReporter(client, StatusReporterTest::report, Duration.ofMillis(20), scheduler);

    reporter.start();

    assertThat(ctl.awaitReport()).isEqualTo(report());
    assertThat(ctl.awaitReport()).isEqualTo(report());
    reporter.close();
  }
}
