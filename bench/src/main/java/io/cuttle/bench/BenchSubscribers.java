package io.cuttle.bench;

import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Benchmark subscriber process: opens N Watch streams to a controller on loopback, each over its
 * own TCP connection, parses every message, and records for each delta the time from its commit
 * at the controller to its arrival here (both clocks are this machine's).
 *
 * <p>Arguments: port subscribers connectsPerSecond
 */
public final class BenchSubscribers {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    int connectRate = Integer.parseInt(args[2]);

    EventLoopGroup group = new NioEventLoopGroup(2);
    Recorder topology = new Recorder(3);
    Recorder annotations = new Recorder(3);
    AtomicLong snapshots = new AtomicLong();
    AtomicLong deltas = new AtomicLong();
    AtomicLong heartbeats = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    CountDownLatch closed = new CountDownLatch(n);
    List<ManagedChannel> channels = new ArrayList<>(n);
    long epochMs[] = {0};
    Duration cpu0 = ProcessStats.cpu();
    long wall0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port)
          .eventLoopGroup(group).channelType(NioSocketChannel.class).negotiationType(NegotiationType.PLAINTEXT)
          .directExecutor().maxInboundMessageSize(64 << 20).build();
      channels.add(ch);
      StateDistributionGrpc.newStub(ch).watch(WatchRequest.newBuilder().setHostId("bench-" + i).build(),
          new StreamObserver<>() {
            @Override
            public void onNext(StateMessage m) {
              long now = System.currentTimeMillis();
              bytes.addAndGet(m.getSerializedSize());
              switch (m.getKindCase()) {
                case SNAPSHOT -> {
                  snapshots.incrementAndGet();
                  epochMs[0] = m.getSnapshot().getLineage().getEpochMs();
                }
                case DELTAS -> {
                  for (var d : m.getDeltas().getDeltaList()) {
                    deltas.incrementAndGet();
                    long lag = Math.max(0, now - (epochMs[0] + d.getAt()));
                    (d.hasAnnotations() ? annotations : topology).recordValue(lag);
                  }
                }
                case HEARTBEAT -> heartbeats.incrementAndGet();
                default -> { }
              }
            }

            @Override
            public void onError(Throwable t) {
              closed.countDown();
            }

            @Override
            public void onCompleted() {
              closed.countDown();
            }
          });
      if (connectRate > 0 && i % connectRate == connectRate - 1) {
        Thread.sleep(1000);
      }
    }
    say("opened %d streams", n);
    long reported = 0;
    while (!closed.await(10, TimeUnit.SECONDS)) {
      long s = snapshots.get();
      if (s != reported) {
        say("snapshots=%d deltas=%d", s, deltas.get());
        reported = s;
      }
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (ProcessStats.cpu().toNanos() - cpu0.toNanos()) / 1e9;
    var t = topology.getIntervalHistogram();
    var a = annotations.getIntervalHistogram();
    say("RESULT subscribers subscribers=%d snapshots=%d deltas=%d heartbeats=%d bytes=%d"
            + " topoCount=%d topoP50ms=%d topoP99ms=%d topoMaxMs=%d"
            + " annCount=%d annP50ms=%d annP99ms=%d annMaxMs=%d cpuCoresAvg=%.2f peakRssMiB=%.0f",
        n, snapshots.get(), deltas.get(), heartbeats.get(), bytes.get(),
        t.getTotalCount(), t.getValueAtPercentile(50), t.getValueAtPercentile(99), t.getMaxValue(),
        a.getTotalCount(), a.getValueAtPercentile(50), a.getValueAtPercentile(99), a.getMaxValue(),
        cpu / wall, ProcessStats.statusMiB("VmHWM"));
    channels.forEach(ManagedChannel::shutdownNow);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  static void say(String format, Object... args) {
    System.out.println("[subscribers] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
