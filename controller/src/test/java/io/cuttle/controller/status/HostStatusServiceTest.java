package io.cuttle.controller.status;

import static io.cuttle.controller.status.Reports.report;
import static io.cuttle.controller.status.Reports.restriction;
import static io.cuttle.controller.status.Reports.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.status.StatusChange.Kind;
import io.cuttle.wire.v1.RestrictionOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostStatusServiceTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EmbeddedHostStatusStore store = EmbeddedHostStatusStore.inMemory(32);
  private final HostStatusService service = new HostStatusService(store, Duration.ofSeconds(90), clock, registry);

  private void reports(String host, RestrictionOutcome... outcomes) {
    var r = report(host);
    for (int i = 0; i < outcomes.length; i++) {
      restriction(r, "app" + i, outcomes[i], "");
    }
    store.record(status(r, clock.instant()));
  }

  private double gauge(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).gauge().value();
  }

  @Test
  void aHostThatStopsReportingIsFlaggedStaleOnceAndResumesWhenItReports() {
    reports("quiet");
    reports("busy");
    clock.advance(Duration.ofSeconds(60));
    reports("busy");
    assertThat(service.check()).isEqualTo(StatusSummary.of(2, 0, java.util.Map.of()));
    assertThat(service.host("quiet").orElseThrow().liveness()).isEqualTo(Liveness.REPORTING);

    clock.advance(Duration.ofSeconds(31)); // quiet: 91 s without a report, busy: 31 s
    reports("busy");
    StatusSummary s = service.check();
    assertThat(s.stale()).isEqualTo(1);
    assertThat(s.reporting()).isEqualTo(1);
    HostView quiet = service.host("quiet").orElseThrow();
    assertThat(quiet.liveness()).isEqualTo(Liveness.STALE);
    assertThat(quiet.sinceLastReport()).isEqualTo(Duration.ofSeconds(91));
    assertThat(service.history("quiet").getLast().kind()).isEqualTo(Kind.WENT_STALE);
    assertThat(service.history("quiet").getLast().at()).isEqualTo(Instant.parse("2026-03-01T10:01:30Z"));
    assertThat(service.history("quiet").getLast().detail()).isEqualTo("no report for 1m31s (stale after 1m30s)");
    assertThat(gauge("cuttle.controller.status.hosts", "state", "stale")).isEqualTo(1);
    assertThat(gauge("cuttle.controller.status.hosts", "state", "reporting")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(10));
    service.check();
    assertThat(service.history("quiet").stream().filter(c -> c.kind() == Kind.WENT_STALE)).hasSize(1);

    reports("quiet");
    service.check();
    assertThat(service.host("quiet").orElseThrow().liveness()).isEqualTo(Liveness.REPORTING);
    assertThat(service.history("quiet").getLast().kind()).isEqualTo(Kind.RESUMED);
    assertThat(gauge("cuttle.controller.status.hosts", "state", "stale")).isZero();
  }

  @Test
  void aServiceStartedOverStoredStaleHostsDoesNotFlagThemTwice() {
    reports("h");
    clock.advance(Duration.ofMinutes(5));
    service.check();
    HostStatusService restarted = new HostStatusService(store, Duration.ofSeconds(90), clock,
        new SimpleMeterRegistry());
    restarted.check();
    assertThat(store.history("h").stream().filter(c -> c.kind() == Kind.WENT_STALE)).hasSize(1);
    reports("h");
    restarted.check();
    assertThat(store.history("h").getLast().kind()).isEqualTo(Kind.RESUMED);
  }

  @Test
  void restrictionsAreCountedByOutcomeAndFiltersSelectHosts() {
    reports("a", RestrictionOutcome.ENFORCED, RestrictionOutcome.FAILED);
    reports("b", RestrictionOutcome.ENFORCED, RestrictionOutcome.ENFORCED, RestrictionOutcome.PARTIAL);
    clock.advance(Duration.ofSeconds(100));
    reports("c");
    StatusSummary s = service.check();
    assertThat(s.restrictions(EnforcementOutcome.ENFORCED)).isEqualTo(3);
    assertThat(s.restrictions(EnforcementOutcome.FAILED)).isEqualTo(1);
    assertThat(s.restrictions(EnforcementOutcome.PARTIAL)).isEqualTo(1);
    assertThat(s.restrictions(EnforcementOutcome.REVERTED)).isZero();
    assertThat(gauge("cuttle.controller.status.restrictions", "outcome", "enforced")).isEqualTo(3);
    assertThat(gauge("cuttle.controller.status.restrictions", "outcome", "failed")).isEqualTo(1);

    assertThat(service.hosts(HostFilter.ALL)).extracting(v -> v.status().hostId()).containsExactly("a", "b", "c");
    assertThat(service.hosts(new HostFilter(Optional.of(Liveness.STALE), Optional.empty())))
        .extracting(v -> v.status().hostId()).containsExactly("a", "b");
    assertThat(service.hosts(new HostFilter(Optional.empty(), Optional.of(EnforcementOutcome.FAILED))))
        .extracting(v -> v.status().hostId()).containsExactly("a");
    assertThat(service.hosts(new HostFilter(Optional.of(Liveness.REPORTING), Optional.of(EnforcementOutcome.ENFORCED))))
        .isEmpty();
  }

  @Test
  void queryStringsParseIntoFiltersOrSayWhatIsWrong() {
    assertThat(HostFilter.parse("stale=true&outcome=failed")).isEqualTo(new HostFilter.Parsed.Valid(
        new HostFilter(Optional.of(Liveness.STALE), Optional.of(EnforcementOutcome.FAILED))));
    assertThat(HostFilter.parse(null)).isEqualTo(new HostFilter.Parsed.Valid(HostFilter.ALL));
    assertThat(HostFilter.parse("stale=maybe")).isEqualTo(
        new HostFilter.Parsed.Invalid("stale: expected true or false, got 'maybe'"));
    assertThat(HostFilter.parse("outcome=BROKEN")).isInstanceOfSatisfying(HostFilter.Parsed.Invalid.class,
        i -> assertThat(i.message()).startsWith("outcome: expected one of [ENFORCED, PARTIAL").endsWith("got 'BROKEN'"));
    assertThat(HostFilter.parse("colour=red")).isEqualTo(
        new HostFilter.Parsed.Invalid("unknown parameter 'colour'; expected one of [outcome, stale]"));
  }
}
