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
 * ring of routers; one gRPC subscriber watches. Each round changes one link's cost in one
 * router-LSA (announced as ospfd does: the old instance's deletion and the new one, in one write),
 * notes the time just before the notification is written to the socket, and the time the
 * subscriber receives the delta; one change in flight at a time. Both clocks are this JVM's.
 *
 * <p>Arguments: routers [rounds=3000] [warmup=1000] [rebuildRounds=rounds]: the last is the number of
 * rounds of the comparison phase that rebuilds the whole graph per change (0 skips it).
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

  /** Router i of a ring: p2p links to i-1 and i+1 (interface addresses 10.x.y.1/2) and a stub /24. */
  static byte[] ringRouter(int i, int n, int seq, int costToNext) {
    int prev = (i + n - 1) % n;
    int next = (i + 1) % n;
    return LsaBytes.router(rid(i), seq, 0,
        LsaBytes.p2p(rid(next), linkAddress(i, 1), costToNext),
        LsaBytes.p2p(rid(prev), linkAddress(prev, 2), 10),
        LsaBytes.stub(Ipv4.text((20 << 24) | (i << 8)), "255.255.255.0", 10));
  }

  private static String rid(int i) {
    return Ipv4.text((10 << 24) | (255 << 16) | i);
  }

  /** Address of end {@code end} (1 or 2) of the link from router i to i+1. */
  private static String linkAddress(int i, int end) {
    return Ipv4.text((11 << 24) | (i << 2) | end);
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int rebuildRounds = args.length > 3 ? Integer.parseInt(args[3]) : rounds;
    if (rebuildRounds > 0) {
      Histogram full = computeRebuilding(n, rebuildRounds, Math.min(warmup, rebuildRounds));
      System.out.printf(Locale.ROOT, "RESULT ospf-compute-cpu-rebuild routers=%d rounds=%d p50=%.1fus p90=%.1fus"
              + " p99=%.1fus max=%.1fus%n", n, rebuildRounds, full.getValueAtPercentile(50) / 1e3,
          full.getValueAtPercentile(90) / 1e3, full.getValueAtPercentile(99) / 1e3, full.getMaxValue() / 1e3);
    }
    Histogram c = compute(n, rounds, warmup);
    System.out.printf(Locale.ROOT, "RESULT ospf-compute-cpu routers=%d rounds=%d p50=%.1fus p90=%.1fus p99=%.1fus"
            + " max=%.1fus%n", n, rounds, c.getValueAtPercentile(50) / 1e3, c.getValueAtPercentile(90) / 1e3,
        c.getValueAtPercentile(99) / 1e3, c.getMaxValue() / 1e3);
    try (FakeOspfApiServer ospfd = new FakeOspfApiServer()) {
      int[] seq = new int[n];
      int[] costs = new int[n];
      java.util.Arrays.fill(costs, 10);
      for (int i = 0; i < n; i++) {
        ospfd.put(0, ringRouter(i, n, seq[i] = 1, 10));
      }
      ControllerConfig config = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(),
          new TopologySource.Ospf(new HostPort("127.0.0.1", ospfd.address().getPort()), Optional.empty()),
          ControllerConfig.DEFAULT_HISTORY, ControllerConfig.DEFAULT_SUBSCRIBER_BUFFER, Duration.ofSeconds(5),
          OptionalLong.empty(), Duration.ZERO);
      try (Controller controller = Controller.start(config, Clock.systemUTC())) {
        waitFor(() -> controller.store().current().links().size() == n, "the ring to be learnt");
        AtomicLong deltas = new AtomicLong();
        AtomicLong snapshots = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
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
          int i = rnd.nextInt(n);
          int cost = costs[i] = costs[i] == 20 ? 30 : 20; // always a real change
          // As ospfd announces a new instance: the old one's deletion, then the new one, in one write.
          // (a deletion is matched by its header alone).
          byte[] delete = FakeOspfApiServer.lsaFrame(true, 0, 0, ringRouter(i, n, seq[i], 10));
          byte[] update = FakeOspfApiServer.lsaFrame(false, 0, 0, ringRouter(i, n, ++seq[i], cost));
          byte[] frame = java.util.Arrays.copyOf(delete, delete.length + update.length);
          System.arraycopy(update, 0, frame, delete.length, update.length);
          long before = deltas.get();
          long t0 = System.nanoTime();
          ospfd.sendAsync(frame);
          long deadline = t0 + TimeUnit.SECONDS.toNanos(5);
          synchronized (deltas) {
            while (deltas.get() == before) {
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
        System.out.printf(Locale.ROOT, "RESULT ospf-latency routers=%d rounds=%d p50=%.1fus p90=%.1fus p99=%.1fus"
                + " max=%.1fus%n", n, rounds, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
      }
    }
  }

  /**
   * The same changes without sockets or threads: LSA into the database, graph updated (or rebuilt),
   * the change committed by the store. The controller's own work per change, as CPU time of this thread
   * (insensitive to other processes competing for the cores).
   */
  public static Histogram compute(int n, int rounds, int warmup) {
    io.cuttle.controller.store.TopologyStore store = new io.cuttle.controller.store.TopologyStore(
        new io.cuttle.netstate.model.Lineage(1, java.time.Instant.EPOCH), Clock.systemUTC(), 4096);
    io.cuttle.controller.topology.ospf.LsdbFollower follower = new io.cuttle.controller.topology.ospf.LsdbFollower(
        "bench", new io.cuttle.controller.topology.TopologyProviderListener() {
          @Override
          public void specChanged(io.cuttle.controller.topology.TopologySpec spec) {
            if (!(store.apply(spec) instanceof io.cuttle.controller.store.CommitResult.Committed)) {
              throw new IllegalStateException("spec rejected");
            }
          }

          @Override
          public void specUpdated(io.cuttle.controller.topology.TopologySpec spec,
              io.cuttle.controller.topology.SpecChange change) {
            // What the controller's bridge does when the state is at change.base().
            io.cuttle.controller.store.CommitResult r = store.applyChange(change);
            if (!(r instanceof io.cuttle.controller.store.CommitResult.Committed)) {
              throw new IllegalStateException("cost change rejected: " + r);
            }
          }

          @Override
          public void specRejected(String source, List<io.cuttle.common.config.Diagnostic> problems) {
            throw new IllegalStateException(problems.toString());
          }
        });
    int[] seq = new int[n];
    int[] costs = new int[n];
    for (int i = 0; i < n; i++) {
      follower.apply(false, 0, ringRouter(i, n, seq[i] = 1, costs[i] = 10));
    }
    follower.publish(true);
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    Random rnd = new Random(1);
    for (int r = 0; r < warmup + rounds; r++) {
      int i = rnd.nextInt(n);
      int cost = costs[i] = costs[i] == 20 ? 30 : 20;
      byte[] lsa = ringRouter(i, n, ++seq[i], cost);
      byte[] old = ringRouter(i, n, seq[i] - 1, 10); // the header of the instance being replaced
      long t0 = cpu.getCurrentThreadCpuTime();
      follower.apply(true, 0, old); // as ospfd announces a new instance: deletion, then update
      follower.apply(false, 0, lsa);
      if (!follower.publish(false)) {
        throw new IllegalStateException("round " + r + " changed nothing");
      }
      if (r >= warmup) {
        h.recordValue(Math.max(1, cpu.getCurrentThreadCpuTime() - t0));
      }
    }
    return h;
  }

  /**
   * The same changes handled the way every change was before link costs were applied in place:
   * the whole graph rebuilt from the database and the whole spec diffed by the store (what a
   * structural change and a resynchronisation still cost).
   */
  public static Histogram computeRebuilding(int n, int rounds, int warmup) {
    io.cuttle.controller.store.TopologyStore store = new io.cuttle.controller.store.TopologyStore(
        new io.cuttle.netstate.model.Lineage(1, java.time.Instant.EPOCH), Clock.systemUTC(), 4096);
    io.cuttle.controller.topology.ospf.LinkStateDatabase lsdb = new io.cuttle.controller.topology.ospf.LinkStateDatabase();
    int[] seq = new int[n];
    int[] costs = new int[n];
    for (int i = 0; i < n; i++) {
      lsdb.update(0, ringRouter(i, n, seq[i] = 1, costs[i] = 10));
    }
    store.apply(io.cuttle.controller.topology.ospf.AreaGraphBuilder.build(lsdb.entries()).spec());
    Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    Random rnd = new Random(1);
    for (int r = 0; r < warmup + rounds; r++) {
      int i = rnd.nextInt(n);
      int cost = costs[i] = costs[i] == 20 ? 30 : 20;
      byte[] lsa = ringRouter(i, n, ++seq[i], cost);
      long t0 = cpu.getCurrentThreadCpuTime();
      lsdb.update(0, lsa);
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
