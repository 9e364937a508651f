package io.cuttle.bench;

import io.cuttle.controller.distribution.DistributionOptions;
import io.cuttle.controller.distribution.StateDistributionService;
import io.cuttle.controller.store.AnnotationPacer;
import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.synthetic.SyntheticTopology;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.AnnotationPatch;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.LinkState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark controller process: serves a synthetic topology over a real Netty gRPC server on
 * loopback, waits for the expected number of subscribers, then commits topology events at a fixed
 * rate with one full annotation round in the middle, and prints its CPU, memory and byte counts.
 *
 * <p>Arguments: port subscribers routers links eventsPerSecond loadSeconds lingerMs [annotationSpreadMs]
 * (0 commits the annotation round as one delta, as {@code annotation-spread: 0} does; otherwise it
 * goes through an {@link AnnotationPacer} ticking every 100 ms, as in the controller).
 */
public final class BenchController {
  private static final Duration TICK = Duration.ofMillis(100);

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int expected = Integer.parseInt(args[1]);
    int routers = Integer.parseInt(args[2]);
    int links = Integer.parseInt(args[3]);
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    int lingerMs = Integer.parseInt(args[6]);
    long spreadMs = args.length > 7 ? Long.parseLong(args[7]) : 0;

    Clock clock = Clock.systemUTC();
    Lineage lineage = new Lineage(new Random().nextLong() | 1, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    TopologyStore store = new TopologyStore(lineage, clock, 4096);
    CommitResult initial = store.apply(SyntheticTopology.generate(routers, links, new Random(1)));
    if (!(initial instanceof CommitResult.Committed)) {
      throw new IllegalStateException("synthetic topology rejected: " + initial);
    }
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    var drain = Executors.newFixedThreadPool(2);
    StateDistributionService service = new StateDistributionService(store,
        new DistributionOptions(1024, 256, Duration.ofSeconds(5), DistributionOptions.DEFAULT_SNAPSHOTS_IN_FLIGHT,
            Duration.ofMillis(lingerMs)), drain, scheduler, clock, System::nanoTime, registry);
    AnnotationPacer pacer = spreadMs == 0 ? null
        : new AnnotationPacer(store, clock, Duration.ofMillis(spreadMs), TICK, AnnotationPacer.DEFAULT_MIN_CHUNK);
    if (pacer != null) {
      scheduler.scheduleAtFixedRate(pacer::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }
    long[] annotationWire = new long[2]; // bytes, links
    store.addListener((state, deltas) -> deltas.stream()
        .filter(d -> d.event() instanceof TopologyEvent.AnnotationsUpdated).forEach(d -> {
          annotationWire[0] += WireCodec.delta(lineage, d).getSerializedSize();
          annotationWire[1] += ((TopologyEvent.AnnotationsUpdated) d.event()).patches().size();
        }));
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
        .addService(service).build().start();
    NetworkState s0 = store.current();
    int snapshotBytes = WireCodec.snapshot(s0).getSerializedSize();
    say("listening port=%d links=%d snapshotBytes=%d lingerMs=%d", port, s0.links().size(), snapshotBytes, lingerMs);

    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (service.subscriberCount() < expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    long connected = System.nanoTime();
    say("subscribers=%d", service.subscriberCount());
    // The subscriber process reports (through the Report rpc) once every stream has parsed its snapshot.
    while (service.statusStore().get(BenchSubscribers.READY_HOST).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    say("all snapshots received %.1f s after the last subscriber connected; snapshotsSent=%.0f",
        (System.nanoTime() - connected) / 1e9, registry.counter("cuttle.controller.sent.messages", "kind", "snapshot").count());
    Thread.sleep(3000);

    double deltaBytes0 = registry.counter("cuttle.controller.sent.bytes", "kind", "deltas").count();
    double deltaMsgs0 = registry.counter("cuttle.controller.sent.messages", "kind", "deltas").count();
    Duration cpu0 = ProcessStats.cpu();
    double[] us0 = ProcessStats.userSystemSeconds();
    long wall0 = System.nanoTime();
    say("load start rate=%d/s seconds=%d", rate, seconds);
    Random random = new Random(2);
    List<Integer> linkIds = new ArrayList<>(store.current().links().keySet());
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long total = (long) rate * seconds;
    long next = System.nanoTime();
    int annotationBytes = 0;
    for (long i = 0; i < total; i++) {
      next += periodNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int link = linkIds.get(random.nextInt(linkIds.size()));
      store.commit(ids -> {
        Link l = store.current().links().get(link);
        return List.of(random.nextBoolean()
            ? new TopologyEvent.LinkCostChanged(link, 1 + random.nextInt(1000), 1 + random.nextInt(1000))
            : new TopologyEvent.LinkStateChanged(link, l.isUp() ? LinkState.DOWN : LinkState.UP));
      });
      if (i == total / 2) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<Integer, LinkAnnotation> round = new HashMap<>();
        for (int id : linkIds) {
          LinkAnnotation now = store.current().annotation(id); // new loads, everything else as it is
          round.put(id, new LinkAnnotation(now.capacityBps(), OptionalLong.of(random.nextLong(1_000_000_000L)),
              OptionalLong.of(random.nextLong(1_000_000_000L)), now.costMicros(), now.labels(), now.counters(),
              Optional.of(at)));
        }
        if (pacer != null) {
          pacer.submit(round);
          say("annotation round links=%d submitted to the pacer (spread %d ms)", round.size(), spreadMs);
        } else {
          store.commit(ids -> List.of(new TopologyEvent.AnnotationsUpdated(at, round.entrySet().stream()
              .map(e -> AnnotationPatch.loads(e.getKey(), e.getValue().loadAbBps().getAsLong(),
                  e.getValue().loadBaBps().getAsLong())).toList())));
          say("annotation round links=%d committed as one delta", round.size());
        }
      }
    }
    while (pacer != null && !pacer.idle()) {
      Thread.sleep(100);
    }
    Thread.sleep(5000); // drain
    say("annotation wire bytes=%d links=%d bytesPerLink=%.1f", annotationWire[0], annotationWire[1],
        annotationWire[1] == 0 ? 0.0 : (double) annotationWire[0] / annotationWire[1]);
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (ProcessStats.cpu().toNanos() - cpu0.toNanos()) / 1e9;
    double[] us1 = ProcessStats.userSystemSeconds();
    double deltaBytes = registry.counter("cuttle.controller.sent.bytes", "kind", "deltas").count() - deltaBytes0;
    double deltaMsgs = registry.counter("cuttle.controller.sent.messages", "kind", "deltas").count() - deltaMsgs0;
    double lagSnapshots = registry.counter("cuttle.controller.lag.snapshots").count();
    say("RESULT controller subscribers=%d events=%d cpuCores=%.2f userCores=%.2f systemCores=%.2f rssMiB=%.0f peakRssMiB=%.0f"
            + " deltaMsgsPerSubscriber=%.0f deltaBytesPerSubscriber=%.0f lagSnapshots=%.0f",
        service.subscriberCount(), total + 1, cpu / wall, (us1[0] - us0[0]) / wall, (us1[1] - us0[1]) / wall,
        ProcessStats.statusMiB("VmRSS"),
        ProcessStats.statusMiB("VmHWM"), deltaMsgs / expected, deltaBytes / expected, lagSnapshots);
    server.shutdownNow();
    service.close();
    drain.shutdownNow();
    scheduler.shutdownNow();
    server.awaitTermination(10, TimeUnit.SECONDS);
  }

  static void say(String format, Object... args) {
    System.out.println("[controller] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
