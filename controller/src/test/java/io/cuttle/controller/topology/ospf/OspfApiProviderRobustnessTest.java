package io.cuttle.controller.topology.ospf;

import static io.cuttle.controller.topology.ospf.LsaBytes.p2p;
import static io.cuttle.controller.topology.ospf.LsaBytes.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.lab.OspfLab;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.api.ApiFrame;
import io.cuttle.controller.topology.ospf.record.LsaEventSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live provider's protocol handling and failure modes against a fake ospfd on loopback:
 * nothing before a complete synchronisation, re-floods ignored, partial frames, unknown types,
 * malformed LSAs, broken streams, lost connections.
 */
class OspfApiProviderRobustnessTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final byte[] R1 = LsaBytes.router("1.1.1.1", 1, 0, p2p("2.2.2.2", "10.0.0.1", 10),
      stub("10.0.0.0", "255.255.255.252", 10));
  private static final byte[] R2 = LsaBytes.router("2.2.2.2", 1, 0, p2p("1.1.1.1", "10.0.0.2", 10),
      stub("10.2.0.0", "255.255.255.0", 10));
  private static final byte[] R2_COST_30 = LsaBytes.router("2.2.2.2", 2, 0, p2p("1.1.1.1", "10.0.0.2", 30),
      stub("10.2.0.0", "255.255.255.0", 10));

  private FakeOspfApiServer ospfd;
  private OspfApiTopologyProvider provider;
  private final StoreFeed feed = new StoreFeed();

  @BeforeEach
  void start() throws IOException {
    ospfd = new FakeOspfApiServer();
    ospfd.put(0, R1);
    ospfd.put(0, R2);
    provider = new OspfApiTopologyProvider(new OspfApiOptions(ospfd.address(), Duration.ofSeconds(2),
        Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofSeconds(30)), Clock.systemUTC(),
        LsaEventSink.NONE);
  }

  @AfterEach
  void stop() throws IOException {
    provider.close();
    ospfd.close();
  }

  private void await(java.util.function.BooleanSupplier c, String what) throws IOException {
    OspfLab.awaitTrue(WAIT, c, what);
  }

  private static int r2Cost(TopologySpec s) {
    return s.links().get(0).costBa();
  }

  private void startSynced() throws Exception {
    provider.start(feed);
    await(() -> feed.specs.size() == 1, "the first spec");
  }

  @Test
  void nothingIsDeliveredBeforeTheSynchronisationCompletes() throws Exception {
    ospfd.holdMarker();
    provider.start(feed);
    await(() -> provider.lsdb().size() == 2, "both LSAs to arrive");
    Thread.sleep(100);
    assertThat(feed.specs).as("LSAs arrived, but the database is not known to be complete").isEmpty();
    assertThat(provider.status().state()).isEqualTo(OspfApiStatus.State.SYNCHRONISING);
    ospfd.releaseMarker();
    await(() -> feed.specs.size() == 1, "the spec after the marker");
    assertThat(feed.last().links()).hasSize(1);
    assertThat(provider.status().state()).isEqualTo(OspfApiStatus.State.SYNCHRONISED);
  }

  @Test
  void aListenerStillExchangingDatabasesIsNotComplete() throws Exception {
    ospfd.neighborState(8); // Loading: the listener's database is still filling
    provider.start(feed);
    await(() -> provider.lsdb().size() == 2, "the dump");
    Thread.sleep(150);
    assertThat(feed.specs).isEmpty();
    assertThat(provider.status().detail()).contains("waiting for adjacencies");
    ospfd.sendAsync(FakeOspfApiServer.nsmFrame(0, 9));
    await(() -> feed.specs.size() == 1, "the spec once the neighbour is Full");
    assertThat(provider.status().neighbors()).isEqualTo(1);
  }

  @Test
  void refloodsDeliverNothingAndRealChangesDeliverOneSpec() throws Exception {
    startSynced();
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(false, 0, 0, LsaBytes.withAge(LsaBytes.router("2.2.2.2", 5, 0,
        p2p("1.1.1.1", "10.0.0.2", 10), stub("10.2.0.0", "255.255.255.0", 10)), 3)));
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(false, 0, 0, R2_COST_30));
    await(() -> feed.specs.size() == 2, "the changed spec");
    Thread.sleep(100);
    assertThat(feed.specs).hasSize(2);
    assertThat(r2Cost(feed.last())).isEqualTo(30);
  }

  @Test
  void aReplacementAnnouncedAsDeleteThenUpdateIsOneChange() throws Exception {
    startSynced();
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(true, 0, 0, R2));
    Thread.sleep(5); // the update follows in another segment, within the grace period
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(false, 0, 0, R2_COST_30));
    await(() -> feed.specs.size() >= 2, "the changed spec");
    Thread.sleep(100);
    assertThat(feed.specs).hasSize(2);
    assertThat(feed.last().links()).hasSize(1);
    assertThat(feed.updates).as("a cost change, applied in place").singleElement()
        .satisfies(u -> assertThat(u.links()).singleElement().satisfies(l -> assertThat(l.costBa()).isEqualTo(30)));
    assertThat(feed.last()).isEqualTo(AreaGraphBuilder.build(provider.lsdb()).spec());
    assertThat(feed.storeRejections).isEmpty();
  }

  @Test
  void aDeletionWithoutReplacementIsDeliveredAfterTheGracePeriod() throws Exception {
    startSynced();
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(true, 0, 0, R2));
    await(() -> feed.specs.size() == 2, "the spec without r2");
    assertThat(feed.last().links()).isEmpty();
    assertThat(feed.updates).as("a removal, applied in place").singleElement().satisfies(u -> {
      assertThat(u.structure().routersRemoved()).containsExactly("2.2.2.2");
      assertThat(u.structure().linksRemoved()).containsExactly("1.1.1.1~2.2.2.2@10.0.0.1");
      assertThat(u.structure().prefixesRemoved()).extracting(p -> p.router()).containsExactly("2.2.2.2");
    });
    assertThat(feed.last()).isEqualTo(AreaGraphBuilder.build(provider.lsdb()).spec());
    assertThat(feed.storeRejections).isEmpty();
    assertThat(feed.store.current().links()).isEmpty();
    assertThat(feed.store.current().nodeNamed("2.2.2.2")).isEmpty();
  }

  @Test
  void partialFramesAreReassembled() throws Exception {
    startSynced();
    byte[] frame = FakeOspfApiServer.lsaFrame(false, 0, 0, R2_COST_30);
    for (int i = 0; i < frame.length; i += 7) {
      ospfd.sendAsync(Arrays.copyOfRange(frame, i, Math.min(frame.length, i + 7)));
      Thread.sleep(1);
    }
    await(() -> feed.specs.size() == 2, "the spec from the reassembled frame");
    assertThat(r2Cost(feed.last())).isEqualTo(30);
  }

  @Test
  void unknownTypesAreCountedAndIgnored() throws Exception {
    startSynced();
    ospfd.sendAsync(new ApiFrame(77, 0, new byte[] {1, 2, 3}).encode());
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(false, 0, 0, R2_COST_30));
    await(() -> feed.specs.size() == 2, "the spec after the unknown message");
    assertThat(provider.status().unknownTypes()).isEqualTo(1);
    assertThat(provider.status().sessions()).isEqualTo(1);
    assertThat(provider.statusDetail()).hasValueSatisfying(d -> assertThat(d).startsWith("SYNCHRONISED since ")
        .contains("sessions 1, LSAs 2, neighbours Full 1, problems 0, unknown messages 1"));
  }

  @Test
  void malformedLsasAreReportedAndSkipped() throws Exception {
    startSynced();
    byte[] bad = R2_COST_30.clone();
    bad[bad.length - 1] ^= 0x55;
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(false, 0, 0, bad));
    await(() -> !feed.rejections.isEmpty(), "the malformed LSA to be reported");
    assertThat(feed.rejections.get(0)).contains("checksum");
    assertThat(provider.status().problems()).isEqualTo(1);
    assertThat(feed.specs).hasSize(1);
    ospfd.sendAsync(FakeOspfApiServer.lsaFrame(false, 0, 0, R2_COST_30));
    await(() -> feed.specs.size() == 2, "later LSAs to be used");
  }

  @Test
  void aBrokenStreamIsReportedAndTheSessionResynchronised() throws Exception {
    startSynced();
    ospfd.put(0, R2_COST_30);
    ospfd.sendAsync(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
    ospfd.dropSession();
    await(() -> ospfd.sessions() == 2 && feed.specs.size() == 2, "a second synchronisation");
    assertThat(feed.rejections).anyMatch(r -> r.contains("version: expected 1, got 9")
        || r.contains("expected a synchronised OSPF API session"));
    assertThat(r2Cost(feed.last())).isEqualTo(30);
  }

  @Test
  void lostConnectionsKeepTheLastGraphAndReconnect() throws Exception {
    startSynced();
    TopologySpec before = feed.last();
    ospfd.dropSession();
    await(() -> !feed.rejections.isEmpty(), "the loss to be reported");
    assertThat(provider.lastSpec()).isEqualTo(before);
    await(() -> provider.status().sessions() == 2, "a new session");
    assertThat(feed.specs).as("the same graph after resynchronising: nothing new delivered").hasSize(1);
    assertThat(feed.storeRejections).isEmpty();
  }
}
