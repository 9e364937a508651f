package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuttle.controller.lab.OspfLab;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.ospf.record.LsaEventLog;
import io.cuttle.controller.topology.ospf.record.LsaEventRecorder;
import io.cuttle.controller.topology.ospf.record.ReplayTopologyProvider;
import io.cuttle.controller.topology.ospf.snapshot.VtyshLsdbParser;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Link;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The live provider against the real lab (lab/ospf-lab.sh): FRR and BIRD routers in network
 * namespaces, the controller's client talking to the listener's ospfd over the OSPF API. One lab
 * for the class, converged once; the change tests run in order and undo what they do, the
 * destructive one (ABR loss) last. Needs root: skipped with the reason otherwise.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OspfLabTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final Duration FOLLOW = Duration.ofSeconds(30);
  private static final String R2_R3 = "10.255.0.2~10.255.0.3@10.0.23.1";

  private static OspfLab lab;
  private static OspfApiTopologyProvider provider;
  private static StoreFeed feed;
  private static Path recording;

  @BeforeAll
  static void startLab() throws Exception {
    assumeTrue(OspfLab.unavailabilityCause().isEmpty(), () -> OspfLab.unavailabilityCause().orElse(""));
    lab = OspfLab.start("co", "172.31.213");
    try {
      lab.awaitConverged(CONVERGE);
      recording = lab.runDir().resolve("events.jsonl");
      feed = new StoreFeed();
      OspfApiOptions options = new OspfApiOptions(lab.apiAddress(), Duration.ofSeconds(3), Duration.ofMillis(100),
          Duration.ofSeconds(1), OspfApiOptions.DEFAULT_REPLACEMENT_GRACE, Duration.ofSeconds(30));
      provider = new OspfApiTopologyProvider(options, Clock.systemUTC(), new LsaEventRecorder(recording));
      provider.start(feed);
      awaitGraphEqualsLsdb();
    } catch (Exception | AssertionError e) {
      stopLab();
      throw e;
    }
  }

  @AfterAll
  static void stopLab() {
    if (provider != null) {
      provider.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  private static List<String> lsdbDifferences() throws IOException {
    TopologySpec spec = provider.lastSpec();
    if (spec == null) {
      return List.of("no spec delivered yet");
    }
    return LsdbExpectations.differences(spec, lab.vtyshJson("lst", "show ip ospf database router json"),
        lab.vtyshJson("lst", "show ip ospf database network json"),
        lab.vtyshJson("lst", "show ip ospf database external json"));
  }

  private static void awaitGraphEqualsLsdb() throws IOException {
    List<String> last = new ArrayList<>();
    try {
      OspfLab.awaitTrue(FOLLOW, () -> {
        try {
          last.clear();
          last.addAll(lsdbDifferences());
          return last.isEmpty();
        } catch (IOException e) {
          last.add(e.toString());
          return false;
        }
      }, "the controller's graph to equal the listener's LSDB");
    } catch (IOException e) {
      throw new AssertionError(e.getMessage() + "; last differences: " + last);
    }
  }

  private static List<String> spfDifferences(List<String> routers) throws IOException {
    List<String> out = new ArrayList<>();
    TopologySpec spec = provider.lastSpec();
    for (String r : routers) {
      JsonNode frr = lab.vtyshJson(r, "show ip ospf route json");
      out.addAll(RouteTableComparison.compare("10.255.0." + r.substring(1), frr, spec));
    }
    return out;
  }

  private static void awaitSpfMatches(List<String> routers) throws IOException {
    List<String> last = new ArrayList<>();
    try {
      OspfLab.awaitTrue(FOLLOW, () -> {
        try {
          last.clear();
          last.addAll(spfDifferences(routers));
          return last.isEmpty();
        } catch (IOException e) {
          last.add(e.toString());
          return false;
        }
      }, "the controller's SPF to equal the routers' tables");
    } catch (IOException e) {
      throw new AssertionError(e.getMessage() + "; last differences: " + last);
    }
  }

  private static void awaitSpec(Predicate<TopologySpec> p, String what) throws IOException {
    OspfLab.awaitTrue(FOLLOW, () -> provider.lastSpec() != null && p.test(provider.lastSpec()), what);
  }

  private static LinkSpec link(TopologySpec s, String name) {
    return s.links().stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
  }

  private static int linkId(String name) {
    return feed.store.current().links().values().stream().filter(l -> l.name().equals(name)).mapToInt(Link::id)
        .findFirst().orElse(-1);
  }

  @Test
  @Order(1)
  void graphEqualsTheListenersLsdb() throws IOException {
    assertThat(lsdbDifferences()).isEmpty();
    assertThat(provider.status().state()).isEqualTo(OspfApiStatus.State.SYNCHRONISED);
    assertThat(provider.status().neighbors()).as("r3, b5 (LAN DR/BDR) and r4 are Full").isGreaterThanOrEqualTo(3);
    assertThat(feed.storeRejections).isEmpty();
  }

  @Test
  @Order(2)
  void spfCostsAndNextHopsEqualEveryRoutersTable() throws IOException {
    awaitSpfMatches(OspfLab.FRR_ROUTERS);
    assertThat(spfDifferences(OspfLab.FRR_ROUTERS)).isEmpty();
  }

  @Test
  @Order(3)
  void birdRoutersLsasAreLearnt() {
    TopologySpec s = provider.lastSpec();
    assertThat(s.routers()).anyMatch(r -> r.name().equals("10.255.0.5"));
    assertThat(link(s, "10.255.0.5~net:10.0.100.5")).as("BIRD is the LAN's DR: the network-LSA is its own")
        .isNotNull();
    assertThat(s.prefixes()).anyMatch(p -> p.router().equals("10.255.0.5") && p.prefix().toString().equals("10.5.0.0/24"));
  }

  @Test
  @Order(4)
  void snapshotImportOfTheSameLsdbGivesTheSameGraph() throws Exception {
    String json = lab.vtysh("lst", "show ip ospf database router json", "show ip ospf database network json",
        "show ip ospf database summary json", "show ip ospf database asbr-summary json",
        "show ip ospf database external json");
    TopologySpec imported = AreaGraphBuilder.build(VtyshLsdbParser.parse("vtysh", json)).spec();
    assertThat(imported).isEqualTo(provider.lastSpec());
  }

  @Test
  @Order(5)
  void costChangeIsFollowed() throws IOException {
    int mark = feed.deltas.size();
    try {
      lab.configure("r2", "interface to-r3", "ip ospf cost 50");
      awaitSpec(s -> link(s, R2_R3) != null && link(s, R2_R3).costAb() == 50, "r2->r3 cost 50");
      List<Delta> ds = feed.deltasSince(mark);
      assertThat(ds).anyMatch(d -> d.event() instanceof TopologyEvent.LinkCostChanged c
          && c.link() == linkId(R2_R3) && c.costAb() == 50 && c.costBa() == 10);
      assertThat(ds).noneMatch(d -> d.event() instanceof TopologyEvent.LinkRemoved);
      awaitSpfMatches(OspfLab.FRR_ROUTERS);
    } finally {
      lab.configure("r2", "interface to-r3", "ip ospf cost 10");
    }
    awaitSpec(s -> link(s, R2_R3) != null && link(s, R2_R3).costAb() == 10, "r2->r3 cost back to 10");
  }

  @Test
  @Order(6)
  void linkDownAndUpAreFollowed() throws IOException {
    int mark = feed.deltas.size();
    int id = linkId(R2_R3);
    try {
      lab.execOk("r2", "ip", "link", "set", "to-r3", "down");
      awaitSpec(s -> link(s, R2_R3) == null, "link r2-r3 to disappear");
      assertThat(feed.deltasSince(mark)).anyMatch(d -> d.event() instanceof TopologyEvent.LinkRemoved r
          && r.link() == id);
      awaitSpfMatches(OspfLab.FRR_ROUTERS);
    } finally {
      lab.execOk("r2", "ip", "link", "set", "to-r3", "up");
    }
    awaitSpec(s -> link(s, R2_R3) != null, "link r2-r3 to come back");
    assertThat(feed.deltasSince(mark)).anyMatch(d -> d.event() instanceof TopologyEvent.LinkAdded a
        && a.link().name().equals(R2_R3));
    awaitGraphEqualsLsdb();
  }

  @Test
  @Order(7)
  void routerRestartIsFollowed() throws IOException {
    int mark = feed.deltas.size();
    try {
      lab.stopDaemon("r3", "ospfd");
      awaitSpec(s -> s.links().stream().noneMatch(l -> l.a().equals("10.255.0.3") || l.b().equals("10.255.0.3")),
          "r3's links to disappear");
      assertThat(feed.deltasSince(mark)).filteredOn(d -> d.event() instanceof TopologyEvent.LinkRemoved)
          .as("r2-r3 and r3's LAN attachment").hasSizeGreaterThanOrEqualTo(2);
    } finally {
      lab.startDaemon("r3", "ospfd");
    }
    awaitSpec(s -> link(s, R2_R3) != null && link(s, "10.255.0.3~net:10.0.100.5") != null, "r3's links to return");
    awaitGraphEqualsLsdb();
    awaitSpfMatches(OspfLab.FRR_ROUTERS);
  }

  @Test
  @Order(8)
  void listenerRestartReconnectsAndResynchronises() throws IOException {
    long sessions = provider.status().sessions();
    int rejections = feed.rejections.size();
    TopologySpec before = provider.lastSpec();
    try {
      lab.stopDaemon("lst", "ospfd");
      OspfLab.awaitTrue(FOLLOW, () -> provider.status().state() == OspfApiStatus.State.DISCONNECTED
          || provider.status().state() == OspfApiStatus.State.CONNECTING, "the provider to notice");
      assertThat(provider.lastSpec()).as("the last complete graph stays").isEqualTo(before);
    } finally {
      lab.startDaemon("lst", "ospfd");
    }
    OspfLab.awaitTrue(CONVERGE, () -> provider.status().sessions() > sessions
        && provider.status().state() == OspfApiStatus.State.SYNCHRONISED, "a new synchronised session");
    assertThat(feed.rejections.size()).as("the connection loss is reported").isGreaterThan(rejections);
    assertThat(provider.lastSpec().routers()).as("no half-built graph after the listener's restart")
        .hasSize(before.routers().size());
    assertThat(feed.specs).allSatisfy(s -> assertThat(s.routers()).hasSizeGreaterThanOrEqualTo(5));
    lab.awaitConverged(CONVERGE);
    awaitGraphEqualsLsdb();
  }

  @Test
  @Order(9)
  void abrLossIsFollowed() throws IOException {
    int mark = feed.deltas.size();
    lab.stopDaemon("r2", "ospfd");
    awaitSpec(s -> s.links().stream().noneMatch(l -> l.a().equals("10.255.0.2") || l.b().equals("10.255.0.2")),
        "the ABR's links to disappear");
    assertThat(feed.deltasSince(mark)).filteredOn(d -> d.event() instanceof TopologyEvent.LinkRemoved)
        .hasSizeGreaterThanOrEqualTo(3);
    awaitGraphEqualsLsdb();
    awaitSpfMatches(List.of("r1", "r3", "r4"));
  }

  @Test
  @Order(10)
  void recordingReplaysToTheSameGraph() throws Exception {
    var events = LsaEventLog.read(recording);
    assertThat(events).hasSizeGreaterThan(20);
    StoreFeed replayed = new StoreFeed();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch done = new CountDownLatch(1);
    try (ReplayTopologyProvider replay = new ReplayTopologyProvider(recording.toString(), events,
        ReplayTopologyProvider.AS_FAST_AS_POSSIBLE, scheduler).onFinished(done::countDown)) {
      replay.start(replayed);
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      scheduler.shutdownNow();
    }
    assertThat(replayed.last()).isEqualTo(provider.lastSpec());
    assertThat(replayed.specs.size()).as("one spec per real change, as live").isGreaterThan(5);
  }
}
