package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real snmpd agents in two router namespaces and real iperf3 traffic across the link between
 * them: the controller's annotated load of that link must match the traffic within 5%, in the
 * right direction, and an idle link must stop producing annotation deltas.
 */
class SnmpLoadLabTest {
  /** UDP payload, UDP, IPv4 and Ethernet headers: what a 1400-byte datagram is on the veth. */
  private static final int WIRE_BYTES_PER_DATAGRAM = 1400 + 8 + 20 + 14;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(SnmpLoadLabTest.class);

  @TempDir
  static Path dir;
  private static SnmpLab lab;

  @BeforeAll
  static void startLab() throws Exception {
    String cause = SnmpLab.unavailabilityCause();
    assumeTrue(cause == null, () -> "SNMP lab skipped: " + cause);
    lab = SnmpLab.create(dir);
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  /** Applies every spec to a store, as the controller's bridge does, and keeps the annotation rounds. */
  private static final class StoreFeed implements TopologyProviderListener {
    final TopologyStore store = new TopologyStore(new Lineage(7, Instant.EPOCH), Clock.systemUTC(), 1024);
    final List<TopologyEvent.AnnotationsUpdated> rounds = new CopyOnWriteArrayList<>();
    final List<List<Diagnostic>> rejected = new CopyOnWriteArrayList<>();

    StoreFeed() {
      store.addListener((state, deltas) -> deltas.forEach(d -> {
        if (d.event() instanceof TopologyEvent.AnnotationsUpdated a) {
          rounds.add(a);
        }
      }));
    }

    @Override
    public void specChanged(TopologySpec spec) {
      store.apply(spec);
    }

    @Override
    public void specRejected(String source, List<Diagnostic> problems) {
      rejected.add(problems);
    }

    LinkAnnotation annotation() {
      NetworkState s = store.current();
      Link l = s.linkNamed("r1-r2").orElseThrow();
      return s.annotation(l.id());
    }

    long version() {
      return store.current().version();
    }
  }

  @Test
  void iperfTrafficShowsUpAsTheLinksLoadInTheRightDirection() throws Exception {
    AnnotationSettings settings = new AnnotationSettings(Duration.ofSeconds(1), ChangeThreshold.DEFAULT,
        Duration.ofSeconds(5), List.of(new SnmpAgent(SnmpLab.AGENT_R1, SnmpLab.AGENT_PORT, SnmpLab.COMMUNITY),
            new SnmpAgent(SnmpLab.AGENT_R2, SnmpLab.AGENT_PORT, SnmpLab.COMMUNITY)),
        Duration.ofMillis(500), 1, StaticAnnotations.NONE);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    StoreFeed feed = new StoreFeed();
    Clock clock = Clock.systemUTC();
    Snmp4jCounterSource source = new Snmp4jCounterSource(clock, settings.snmpTimeout(), settings.snmpRetries());
    try (AnnotatingTopologyProvider provider = new AnnotatingTopologyProvider(new StaticTopologyProvider(
        LabTopology.twoRouters()), settings, Optional.of(new SnmpLoadPoller(settings.agents(), source)),
        scheduler, clock)) {
      provider.start(feed);
      SnmpLab.sleep(2500);
      assertThat(provider.agentOutcomes().values()).allMatch(o -> o instanceof PollOutcome.Sampled);
      // veth interfaces report ifHighSpeed 10000 (Mbit/s)
      assertThat(feed.annotation().capacityBps()).hasValue(10_000_000_000L);

      // r1 -> r2 is a -> b: 50 Mbit/s of payload for 8 s, read while the traffic runs
      Instant start = clock.instant();
      Sampler during = Sampler.at(feed, start, 4500, 6500);
      JsonNode ab = JSON.readTree(lab.udp(SnmpLab.R1, SnmpLab.R2, SnmpLab.LINK_R2, "50M", 8));
      double expectedAb = wireBps(ab);
      assertThat(expectedAb).isCloseTo(50e6 * WIRE_BYTES_PER_DATAGRAM / 1400, within(50e6 * 0.03));
      for (LinkAnnotation a : during.await()) {
        assertThat(a.measuredAt()).hasValueSatisfying(t -> assertThat(t).isAfter(start.plusSeconds(1)));
        log.info("a->b: iperf3 on the wire {} bit/s, annotated {} bit/s", Math.round(expectedAb), a.loadAbBps());
        assertThat((double) a.loadAbBps().orElseThrow()).isCloseTo(expectedAb, within(expectedAb * 0.05));
        assertThat(a.loadBaBps().orElseThrow()).isLessThan(500_000);
      }

      // r2 -> r1 is b -> a: 20 Mbit/s for 6 s
      Instant start2 = clock.instant();
      Sampler during2 = Sampler.at(feed, start2, 3500, 4500);
      JsonNode ba = JSON.readTree(lab.udp(SnmpLab.R2, SnmpLab.R1, SnmpLab.LINK_R1, "20M", 6));
      double expectedBa = wireBps(ba);
      for (LinkAnnotation a : during2.await()) {
        log.info("b->a: iperf3 on the wire {} bit/s, annotated {} bit/s", Math.round(expectedBa), a.loadBaBps());
        assertThat((double) a.loadBaBps().orElseThrow()).isCloseTo(expectedBa, within(expectedBa * 0.05));
        assertThat(a.loadAbBps().orElseThrow()).isLessThan(500_000);
      }

      // idle: once the load has settled, rounds send nothing
      SnmpLab.sleep(2500);
      assertThat(feed.annotation().loadAbBps().orElseThrow()).isLessThan(10_000);
      assertThat(feed.annotation().loadBaBps().orElseThrow()).isLessThan(10_000);
      long idleVersion = feed.version();
      int roundsBefore = feed.rounds.size();
      SnmpLab.sleep(3200);
      assertThat(provider.lastRound()).hasValueSatisfying(r -> assertThat(r.linksMeasured()).isEqualTo(1));
      assertThat(feed.version()).as("no annotation delta while the link is idle").isEqualTo(idleVersion);
      assertThat(feed.rounds).hasSize(roundsBefore);
      assertThat(feed.rejected).isEmpty();
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Payload bit/s that iperf3 sent, scaled to what its datagrams occupy on the veth. */
  private static double wireBps(JsonNode report) {
    JsonNode sum = report.path("end").path("sum");
    double seconds = sum.path("seconds").asDouble();
    long packets = sum.path("packets").asLong();
    assertThat(packets).as("iperf3 report: " + report).isPositive();
    return packets * (double) WIRE_BYTES_PER_DATAGRAM * 8 / seconds;
  }

  /** Reads the link's annotation at given offsets from a start time, on its own thread. */
  private static final class Sampler {
    private final Thread thread;
    private final List<LinkAnnotation> seen = new CopyOnWriteArrayList<>();

    private Sampler(StoreFeed feed, Instant start, long... offsetsMs) {
      thread = new Thread(() -> {
        for (long ms : offsetsMs) {
          long wait = Duration.between(Instant.now(), start.plusMillis(ms)).toMillis();
          SnmpLab.sleep(Math.max(0, wait));
          seen.add(feed.annotation());
        }
      }, "ca-sampler");
    }

    static Sampler at(StoreFeed feed, Instant start, long... offsetsMs) {
      Sampler s = new Sampler(feed, start, offsetsMs);
      s.thread.start();
      return s;
    }

    List<LinkAnnotation> await() throws InterruptedException {
      thread.join();
      assertThat(seen).isNotEmpty();
      return seen;
    }
  }
}
