package io.cuttle.bench;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.Controller;
import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.topology.ospf.FakeOspfApiServer;
import io.cuttle.controller.topology.ospf.LsaBytes;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * LSA notification to delta on the wire: a fake ospfd (the OSPF API's server side on loopback)
 * feeds a real {@link Controller} (OSPF provider, store, gRPC distribution, linger 0) a synthetic
 * ring of routers ({@link OspfRing}); one gRPC subscriber watches. Each round plays one event of
 * the scenario on a random router (a link cost, a link down or up, a router restart, a stub or an
 * external added or removed; announced as ospfd does, in one write), notes the time just before
 * the notification is written to the socket, and the time the subscriber receives the last delta
 * of the commit; one change in flight at a time. Both clocks are this JVM's.
 *
 * <p>Arguments: routers [rounds=3000] [warmup=1000] [rebuildRounds=rounds] [scenario=cost]:
 * rebuildRounds is the number of rounds of the comparison phase that rebuilds the whole graph per
 * change (0 skips it); scenario is one of {@link OspfRing.Scenario} (case-insensitive).
 */
public final class BenchOspfLatency {
  private static final MethodDescriptor<WatchRequest, byte[]> WATCH = StateDistributionGrpc.getWatchMethod()
      .toBuilder(ProtoUtils.marshaller(WatchRequest.getDefaultInstance()), new MethodDescriptor.Marshaller<byte[]>() {
        @Override
        public InputStream stream(byte[] value) {
          throw new UnsupportedOperationException("responses only");
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      }).build();

  private BenchOspfLatency() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int rebuildRounds = args.length > 3 ? Integer.parseInt(args[3]) : rounds;
    OspfRing.Scenario scenario = args.length > 4 ? OspfRing.Scenario.of(args[4]) : OspfRing.Scenario.COST;
    String tag = "scenario=" + scenario.name().toLowerCase(Locale.ROOT) + " routers=" + n;
    if (rebuildRounds > 0) {
      Histogram full = computeRebuilding(n, rebuildRounds, Math.min(warmup, rebuildRounds), scenario);
      System.out.printf(Locale.ROOT, "RESULT ospf-compute-cpu-rebuild %s rounds=%d p50=%.1fus p90=%.1fus"
              + " p99=%.1fus max=%.1fus%n", tag, rebuildRounds, full.getValueAtPercentile(50) / 1e3,
          full.getValueAtPercentile(90) / 1e3, full.getValueAtPercentile(99) / 1e3, full.getMaxValue() / 1e3);
    }
    Histogram c = compute(n, rounds, warmup, scenario);
    System.out.printf(Locale.ROOT, "RESULT ospf-compute-cpu %s rounds=%d p50=%.1fus p90=%.1fus p99=%.1fus"
            + " max=%.1fus%n", tag, rounds, c.getValueAtPercentile(50) / 1e3, c.getValueAtPercentile(90) / 1e3,
        c.getValueAtPercentile(99) / 1e3, c.getMaxValue() / 1e3);
    try (FakeOspfApiServer ospfd = new FakeOspfApiServer()) {
      OspfRing ring = new OspfRing(n, scenario);
      ring.initial().forEach(lsa -> ospfd.put(0, lsa));
      ControllerConfig config = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(),
          new TopologySource.Ospf(new HostPort("127.0.0.1", ospfd.address().getPort()), Optional.empty()),
          ControllerConfig.DEFAULT_HISTORY, ControllerConfig.DEFAULT_SUBSCRIBER_BUFFER, Duration.ofSeconds(5),
          OptionalLong.empty(), Duration.ZERO);
      try (Controller controller = Controller.start(config, Clock.systemUTC())) {
        waitFor(() -> controller.store().current().links().size() == n, "the ring to be learnt");
        AtomicLong deltas = new AtomicLong();
        AtomicLong snapshots = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        AtomicLong lastVersion = new AtomicLong();
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", controller.port())
            .negotiationType(NegotiationType.PLAINTEXT).directExecutor().maxInboundMessageSize(64 << 20).build();
        ClientCalls.asyncServerStreamingCall(ch.newCall(WATCH, io.grpc.CallOptions.DEFAULT),
            WatchRequest.newBuilder().setHostId("bench-ospf").build(), new StreamObserver<byte[]>() {
              @Override
              public void onNext(byte[] m) {
                long now = System.nanoTime();
                try {
                  MessageScan.scan(m, new MessageScan.Sink() {
                    @Override
                    public void snapshot(long version, long epochMs) {
                      snapshots.incrementAndGet();
                    }

                    @Override
                    public void delta(long version, long at, boolean annotations) {
                      lastArrival.set(now);
                      lastVersion.set(version);
                      deltas.incrementAndGet();
                      synchronized (deltas) {
                        deltas.notifyAll();
                      }
                    }

                    @Override
                    public void heartbeat(long version) {}
                  });
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
        waitFor(() -> snapshots.get() > 0, "the subscriber's snapshot");
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        Random rnd = new Random(1);
        for (int r = 0; r < warmup + rounds; r++) {
          // One write with every notification of the event (e.g. ospfd's deletion + new instance).
          java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
          for (OspfRing.Change ch1 : ring.next(rnd.nextInt(n))) {
            frame.write(FakeOspfApiServer.lsaFrame(ch1.delete(), 0, 0, ch1.lsa()));
          }
          long before = deltas.get();
          long t0 = System.nanoTime();
          ospfd.sendAsync(frame.toByteArray());
          long deadline = t0 + TimeUnit.SECONDS.toNanos(5);
          synchronized (deltas) {
            // The first delta of a commit goes out after the whole commit: then wait for its last.
            while (deltas.get() == before || lastVersion.get() < controller.store().current().version()) {
              if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no delta within 5 s in round " + r + " (deltas seen "
                    + deltas.get() + ", controller at version " + controller.store().current().version() + ")");
              }
              deltas.wait(5);
            }
          }
          if (r >= warmup) {
            h.recordValue(lastArrival.get() - t0);
          }
        }
        ch.shutdownNow();
        System.out.printf(Locale.ROOT, "RESULT ospf-latency %s rounds=%d p50=%.1fus p90=%.1fus p99=%.1fus"
                + " max=%.1fus%n", tag, rounds, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
      }
    }
  }

  /**
   * The same changes without sockets or threads: LSA into the database, graph updated (or rebuilt),
   * the change committed by the store. The controller's own work per change, as CPU time of this thread
   * (insensitive to other processes competing for the cores).
   */
  public static Histogram compute(int n, int rounds, int warmup, OspfRing.Scenario scenario) {
    io.cuttle.controller.store.TopologyStore store = new io.cuttle.controller.store.TopologyStore(
        new io.cuttle.netstate.model.Lineage(1, java.time.Instant.EPOCH), Clock.systemUTC(), 4096);
    long[] wholeSpecs = new long[1];
    io.cuttle.controller.topology.ospf.LsdbFollower follower = new io.cuttle.controller.topology.ospf.LsdbFollower(
        "bench", new io.cuttle.controller.topology.TopologyProviderListener() {
          @Override
          public void specChanged(io.cuttle.controller.topology.TopologySpec spec) {
            wholeSpecs[0]++;
            if (!(store.apply(spec) instanceof io.cuttle.controller.store.CommitResult.Committed)) {
              throw new IllegalStateException("spec rejected");
            }
          }

          @Override
          public void specUpdated(io.cuttle.controller.topology.TopologySpec spec,
              io.cuttle.controller.topology.SpecChange change) {
            // What the controller's bridge does when the state is at change.base().
            io.cuttle.controller.store.CommitResult r = commitChange(store, change);
            if (!(r instanceof io.cuttle.controller.store.CommitResult.Committed)) {
              throw new IllegalStateException("change rejected: " + r);
            }
          }

          @Override
          public void specRejected(String source, List<io.cuttle.common.config.Diagnostic> problems) {
            throw new IllegalStateException(problems.toString());
          }
        });
    OspfRing ring = new OspfRing(n, scenario);
    ring.initial().forEach(lsa -> follower.apply(false, 0, lsa));
    follower.publish(true);
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    Random rnd = new Random(1);
    for (int r = 0; r < warmup + rounds; r++) {
      List<OspfRing.Change> changes = ring.next(rnd.nextInt(n));
      long t0 = cpu.getCurrentThreadCpuTime();
      for (OspfRing.Change ch : changes) {
        follower.apply(ch.delete(), 0, ch.lsa());
      }
      if (!follower.publish(false)) {
        throw new IllegalStateException("round " + r + " changed nothing");
      }
      if (r >= warmup) {
        h.recordValue(Math.max(1, cpu.getCurrentThreadCpuTime() - t0));
      }
    }
    System.out.printf(Locale.ROOT, "RESULT ospf-compute-whole-graphs scenario=%s routers=%d delivered=%d"
        + " (the first included)%n", scenario.name().toLowerCase(Locale.ROOT), n, wholeSpecs[0]);
    return h;
  }

  /**
   * The same changes handled the way every change was before changes were applied in place (cost
   * changes until one version, structural changes until the next): the whole graph rebuilt from
   * the database and the whole spec diffed by the store (what a resynchronisation still costs).
   */
  public static Histogram computeRebuilding(int n, int rounds, int warmup, OspfRing.Scenario scenario) {
    io.cuttle.controller.store.TopologyStore store = new io.cuttle.controller.store.TopologyStore(
        new io.cuttle.netstate.model.Lineage(1, java.time.Instant.EPOCH), Clock.systemUTC(), 4096);
    io.cuttle.controller.topology.ospf.LinkStateDatabase lsdb = new io.cuttle.controller.topology.ospf.LinkStateDatabase();
    OspfRing ring = new OspfRing(n, scenario);
    ring.initial().forEach(lsa -> lsdb.update(0, lsa));
    store.apply(io.cuttle.controller.topology.ospf.AreaGraphBuilder.build(lsdb.entries()).spec());
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    Random rnd = new Random(1);
    for (int r = 0; r < warmup + rounds; r++) {
      List<OspfRing.Change> changes = ring.next(rnd.nextInt(n));
      long t0 = cpu.getCurrentThreadCpuTime();
      for (OspfRing.Change ch : changes) {
        if (ch.delete()) {
          lsdb.delete(0, ch.lsa());
        } else {
          lsdb.update(0, ch.lsa());
        }
      }
      io.cuttle.controller.topology.TopologySpec spec =
          io.cuttle.controller.topology.ospf.AreaGraphBuilder.build(lsdb.entries()).spec();
      if (!(store.apply(spec) instanceof io.cuttle.controller.store.CommitResult.Committed c) || c.deltas().isEmpty()) {
        throw new IllegalStateException("round " + r + " committed nothing");
      }
      if (r >= warmup) {
        h.recordValue(Math.max(1, cpu.getCurrentThreadCpuTime() - t0));
      }
    }
    return h;
  }

  /**
   * {@code store.applyChange(change)}; with a controller from before it existed on the class path
   * (to measure that controller side by side), {@code applyCosts}, which was all it delivered.
   */
  private static io.cuttle.controller.store.CommitResult commitChange(io.cuttle.controller.store.TopologyStore store,
      io.cuttle.controller.topology.SpecChange change) {
    if (APPLY_CHANGE == null) {
      return store.applyCosts(change.links(), change.prefixes());
    }
    try {
      return (io.cuttle.controller.store.CommitResult) APPLY_CHANGE.invokeExact(store, change);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static final java.lang.invoke.MethodHandle APPLY_CHANGE = applyChangeHandle();

  private static java.lang.invoke.MethodHandle applyChangeHandle() {
    try {
      return java.lang.invoke.MethodHandles.publicLookup().findVirtual(io.cuttle.controller.store.TopologyStore.class,
          "applyChange", java.lang.invoke.MethodType.methodType(io.cuttle.controller.store.CommitResult.class,
              io.cuttle.controller.topology.SpecChange.class));
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("expected " + what + " within 30 s");
      }
      Thread.sleep(10);
    }
  }
}
