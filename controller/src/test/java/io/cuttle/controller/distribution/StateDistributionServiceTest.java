package io.cuttle.controller.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.synthetic.RandomChanges;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateDistributionServiceTest {
  private static final Lineage LINEAGE = new Lineage(0xabc, Instant.parse("2026-01-01T00:00:00Z"));
  private static final Duration HEARTBEAT = Duration.ofSeconds(5);

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC);
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ExecutorService drain = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private SimpleMeterRegistry registry;
  private TopologyStore store;
  private StateDistributionService service;
  private Server server;
  private ManagedChannel channel;
  private TopologySpec spec = SyntheticTopology.generate(12, 20, new Random(3));
  private final RandomChanges changes = new RandomChanges(new Random(4));

  @BeforeEach
  void start() throws Exception {
    start(new DistributionOptions(8, 4, HEARTBEAT), 16);
  }

  private void start(DistributionOptions options, int history) throws Exception {
    registry = new SimpleMeterRegistry(); // gauges bind to the first service registered under a name
    store = new TopologyStore(LINEAGE, clock, history);
    store.apply(spec);
    service = new StateDistributionService(store, options, drain, scheduler, clock, nanos::get, registry);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    stopServer();
    drain.shutdownNow();
    scheduler.shutdownNow();
  }

  private void stopServer() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    service.close();
  }

  /** n commits, each a cost change of the first link (a topology change). */
  private void costChanges(int n) {
    for (int i = 0; i < n; i++) {
      TopologySpec.LinkSpec l = spec.links().get(0);
      int cost = l.costAb() % 1000 + 1;
      List<TopologySpec.LinkSpec> links = new ArrayList<>(spec.links());
      links.set(0, new TopologySpec.LinkSpec(l.name(), l.a(), l.b(), cost, cost, l.state(), l.area()));
      spec = spec.withLinks(links);
      store.apply(spec);
    }
  }

  private void change(int n) {
    for (int i = 0; i < n; i++) {
      spec = changes.next(spec);
      store.apply(spec);
    }
  }

  /** A Watch stream whose messages are pulled one request at a time by the test. */
  private final class Stream {
    final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    final ClientCall<WatchRequest, StateMessage> call =
        channel.newCall(StateDistributionGrpc.getWatchMethod(), CallOptions.DEFAULT);
    final Follower follower = new Follower();

    Stream(WatchRequest request, int initialRequests) {
      call.start(new ClientCall.Listener<>() {
        @Override
        public void onMessage(StateMessage message) {
          inbox.add(message);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          inbox.add(status);
        }
      }, new Metadata());
      call.sendMessage(request);
      call.halfClose();
      call.request(initialRequests);
    }

    StateMessage next() throws Exception {
      Object o = inbox.poll(10, TimeUnit.SECONDS);
      assertThat(o).as("a message within 10 s").isInstanceOf(StateMessage.class);
      StateMessage m = (StateMessage) o;
      follower.accept(m);
      return m;
    }

    /** Reads until the follower holds the store's current version. */
    void catchUp() throws Exception {
      while (follower.state == null || follower.state.version() < store.current().version()) {
        call.request(1);
        next();
      }
    }
  }

  private static WatchRequest fresh() {
    return WatchRequest.newBuilder().setHostId("h1").build();
  }

  @Test
  void newSubscriberGetsASnapshotThenLiveDeltas() throws Exception {
    Stream s = new Stream(fresh(), 100); // a reading client: flow control never holds the server back
    assertThat(s.next().getKindCase()).isEqualTo(StateMessage.KindCase.SNAPSHOT);
    assertThat(s.follower.state).isEqualTo(store.current());
    change(6); // below the buffer of 8: however slow the sender, no switch to a snapshot
    s.catchUp();
    assertThat(s.follower.state).isEqualTo(store.current());
    assertThat(s.follower.kinds.subList(1, s.follower.kinds.size()))
        .containsOnly(StateMessage.KindCase.DELTAS);
  }

  @Test
  void subscriberPresentingAHeldVersionGetsOnlyTheDeltasAfterIt() throws Exception {
    long held = store.current().version();
    var heldState = store.current();
    change(5);
    WatchRequest resume = WatchRequest.newBuilder().setHostId("h1")
        .setLineage(WireCodec.lineage(LINEAGE)).setVersion(held).build();
    Stream s = new Stream(resume, 1);
    s.follower.state = heldState;
    StateMessage first = s.next();
    assertThat(first.getKindCase()).isEqualTo(StateMessage.KindCase.DELTAS);
    assertThat(first.getDeltas().getDelta(0).getVersion()).isEqualTo(held + 1);
    s.catchUp();
    assertThat(s.follower.state).isEqualTo(store.current());
  }

  @Test
  void subscriberAtTheCurrentVersionIsConfirmedByAHeartbeat() throws Exception {
    WatchRequest resume = WatchRequest.newBuilder().setHostId("h1")
        .setLineage(WireCodec.lineage(LINEAGE)).setVersion(store.current().version()).build();
    Stream s = new Stream(resume, 1);
    StateMessage m = s.next();
    assertThat(m.getKindCase()).isEqualTo(StateMessage.KindCase.HEARTBEAT);
    assertThat(m.getHeartbeat().getVersion()).isEqualTo(store.current().version());
  }

  @Test
  void versionNoLongerHeldOrOfAnotherLineageGetsASnapshot() throws Exception {
    change(20); // history is 16
    Stream old = new Stream(WatchRequest.newBuilder().setHostId("h1").setLineage(WireCodec.lineage(LINEAGE))
        .setVersion(2).build(), 1);
    assertThat(old.next().getKindCase()).isEqualTo(StateMessage.KindCase.SNAPSHOT);
    Stream other = new Stream(WatchRequest.newBuilder().setHostId("h2")
        .setLineage(WireCodec.lineage(new Lineage(1, LINEAGE.epoch()))).setVersion(store.current().version())
        .build(), 1);
    assertThat(other.next().getKindCase()).isEqualTo(StateMessage.KindCase.SNAPSHOT);
  }

  @Test
  void aStalledSubscriberIsSwitchedToASnapshotAndNeverHoldsBackOthers() throws Exception {
    Stream stalled = new Stream(fresh(), 1);
    stalled.next(); // snapshot; it requests nothing more for now
    Stream healthy = new Stream(fresh(), 1);
    healthy.next();
    change(40); // far more than the buffer of 8
    healthy.catchUp();
    assertThat(healthy.follower.state).isEqualTo(store.current());

    stalled.call.request(1);
    assertThat(stalled.next().getKindCase()).isEqualTo(StateMessage.KindCase.SNAPSHOT);
    stalled.catchUp();
    assertThat(stalled.follower.state).isEqualTo(store.current());
    assertThat(service.metrics().lagSnapshots()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void snapshotsInFlightAreBoundedAndWaitersGetTheirTurn() throws Exception {
    stopServer();
    start(new DistributionOptions(8, 4, HEARTBEAT, 1, Duration.ZERO), 16);
    Stream first = new Stream(fresh(), 1);
    assertThat(first.next().getKindCase()).isEqualTo(StateMessage.KindCase.SNAPSHOT);
    // first has not read further: its stream is not writable, so its snapshot has not drained.
    Stream second = new Stream(fresh(), 1);
    assertThat(second.inbox.poll(300, TimeUnit.MILLISECONDS)).as("no snapshot while the only permit is held").isNull();
    assertThat(registry.get("cuttle.controller.snapshots.waiting").gauge().value()).isEqualTo(1.0);
    change(3); // a waiting subscriber queues nothing: its snapshot will include these
    first.call.request(1); // first drains: the permit passes to second
    assertThat(second.next().getKindCase()).isEqualTo(StateMessage.KindCase.SNAPSHOT);
    assertThat(second.follower.state).isEqualTo(store.current());
    assertThat(registry.get("cuttle.controller.snapshots.waiting").gauge().value()).isZero();
  }

  @Test
  void lingeringCoalescesDeltasUntilTheFlushTick() throws Exception {
    stopServer();
    start(new DistributionOptions(64, 256, HEARTBEAT, 4, Duration.ofHours(1)), 16); // ticks only by hand
    Stream s = new Stream(fresh(), 100);
    s.next(); // the snapshot is not held back
    costChanges(StateDistributionService.URGENT_BURST); // spend the budget of immediate topology flushes
    s.catchUp();
    change(5);
    assertThat(s.inbox.poll(300, TimeUnit.MILLISECONDS)).as("nothing before the flush tick").isNull();
    service.flushTick();
    StateMessage m = s.next();
    assertThat(m.getDeltas().getDeltaCount()).isEqualTo(5);
    assertThat(s.follower.state).isEqualTo(store.current());
  }

  @Test
  void lingeringSendsTheFirstTopologyChangesAfterAQuietSpellAtOnce() throws Exception {
    stopServer();
    Duration linger = Duration.ofHours(1); // ticks only by hand
    start(new DistributionOptions(64, 256, HEARTBEAT, 4, linger), 16);
    Stream s = new Stream(fresh(), 100);
    s.next();
    for (int i = 0; i < StateDistributionService.URGENT_BURST; i++) {
      costChanges(1);
      StateMessage m = s.next(); // no flush tick: sent at once
      assertThat(m.getKindCase()).isEqualTo(StateMessage.KindCase.DELTAS);
      assertThat(s.follower.state).isEqualTo(store.current());
    }
    costChanges(1);
    assertThat(s.inbox.poll(300, TimeUnit.MILLISECONDS)).as("the burst is spent: the change waits for the tick")
        .isNull();
    nanos.addAndGet(linger.toNanos() * StateDistributionService.URGENT_REFILL_LINGERS);
    costChanges(1); // a quiet spell later, one more goes out at once, with the one that waited
    StateMessage m = s.next();
    assertThat(m.getDeltas().getDeltaCount()).isEqualTo(2);
    assertThat(s.follower.state).isEqualTo(store.current());
    assertThat(service.metrics().urgentFlushes()).isEqualTo(StateDistributionService.URGENT_BURST + 1);
  }

  @Test
  void lingeringHoldsAnnotationRoundsForTheTickEvenAfterAQuietSpell() throws Exception {
    stopServer();
    start(new DistributionOptions(64, 256, HEARTBEAT, 4, Duration.ofHours(1)), 16);
    Stream s = new Stream(fresh(), 100);
    s.next();
    Map<String, LinkAnnotation> ann = new LinkedHashMap<>(spec.annotations());
    ann.put(spec.links().get(0).name(), new LinkAnnotation(OptionalLong.of(1_000_000_000L), OptionalLong.of(5),
        OptionalLong.of(6), OptionalLong.empty(), java.util.Set.of(), Map.of(), Optional.empty()));
    spec = new TopologySpec(spec.routers(), spec.networks(), spec.links(), spec.prefixes(), spec.sites(), ann);
    store.apply(spec);
    assertThat(s.inbox.poll(300, TimeUnit.MILLISECONDS)).as("annotations wait for the flush tick").isNull();
    service.flushTick();
    assertThat(s.next().getDeltas().getDelta(0).hasAnnotations()).isTrue();
  }

  @Test
  void quietStreamsGetHeartbeatsAndBusyOnesDoNot() throws Exception {
    Stream s = new Stream(fresh(), 10);
    s.next();
    nanos.addAndGet(HEARTBEAT.toNanos() + 1);
    service.heartbeatTick();
    StateMessage hb = s.next();
    assertThat(hb.getKindCase()).isEqualTo(StateMessage.KindCase.HEARTBEAT);
    assertThat(hb.getHeartbeat().getVersion()).isEqualTo(store.current().version());
    assertThat(hb.getHeartbeat().getSentAt()).isEqualTo(1000); // clock is 1 s after the lineage epoch

    change(1);
    s.next(); // the delta counts as activity ...
    service.heartbeatTick(); // ... so no heartbeat this period
    change(1);
    assertThat(s.next().getKindCase()).isEqualTo(StateMessage.KindCase.DELTAS);
  }

  @Test
  void deltasAreCoalescedIntoBatches() throws Exception {
    Stream s = new Stream(fresh(), 1);
    s.next();
    change(8); // buffer is 8: all queued while the client requests nothing
    s.call.request(1);
    StateMessage m = s.next();
    assertThat(m.getKindCase()).isEqualTo(StateMessage.KindCase.DELTAS);
    assertThat(m.getDeltas().getDeltaCount()).isEqualTo(4); // maxBatch
    s.catchUp();
    assertThat(s.follower.state).isEqualTo(store.current());
  }

  @Test
  void reportsAreKeptPerHostAndAnEmptyHostIsRefused() {
    var stub = StateDistributionGrpc.newBlockingStub(channel);
    var ack = stub.report(HostReport.newBuilder().setHostId("h9").setVersion(3).addErrors("boom").build());
    assertThat(ack.getVersion()).isEqualTo(store.current().version());
    assertThat(service.statusStore().get("h9").orElseThrow().errors()).containsExactly("boom");
    assertThat(service.statusStore().get("h9").orElseThrow().receivedAt()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> stub.report(HostReport.getDefaultInstance()))
        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("host_id");
  }

  @Test
  void cancelledStreamsAreDropped() throws Exception {
    Stream s = new Stream(fresh(), 1);
    s.next();
    assertThat(service.subscriberCount()).isEqualTo(1);
    s.call.cancel("bye", null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (service.subscriberCount() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(service.subscriberCount()).isZero();
  }

}
