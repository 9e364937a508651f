package io.cuttle.bench;

import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Benchmark subscriber process: opens N Watch streams to a controller on loopback, each over its
 * own TCP connection, and records for each delta the time from its commit at the controller to its
 * arrival here (both clocks are this machine's). It checks that every stream's versions are
 * contiguous. Messages are scanned, not fully decoded (see {@link MessageScan}).
 *
 * <p>Arguments: port subscribers connectsPerSecond
 */
public final class BenchSubscribers {
  /** The host id under which this process reports that every stream holds its snapshot. */
  static final String READY_HOST = "bench-subscribers-ready";

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

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    int connectRate = Integer.parseInt(args[2]);

    // Epoll where the platform has it, as the controller's server uses: this process stands in for
    // N hosts on the controller's own machine, so every cycle it spends is taken from the controller.
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    Recorder topology = new Recorder(3);
    Recorder annotations = new Recorder(3);
    AtomicLong snapshots = new AtomicLong();
    LongAdder deltas = new LongAdder();
    AtomicLong heartbeats = new AtomicLong();
    LongAdder bytes = new LongAdder();
    AtomicLong gaps = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    // Worst latency seen per second of arrival (a timeline to tell a stall from a steady backlog).
    java.util.concurrent.atomic.AtomicLongArray worstPerSecond = new java.util.concurrent.atomic.AtomicLongArray(3600);
    CountDownLatch closed = new CountDownLatch(n);
    List<ManagedChannel> channels = new ArrayList<>(n);
    Duration cpu0 = ProcessStats.cpu();
    long wall0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port)
          .eventLoopGroup(group).channelType(channelType).negotiationType(NegotiationType.PLAINTEXT)
          .directExecutor().maxInboundMessageSize(64 << 20).build();
      channels.add(ch);
      WatchRequest request = WatchRequest.newBuilder().setHostId("bench-" + i).build();
      ClientCalls.asyncServerStreamingCall(ch.newCall(WATCH, io.grpc.CallOptions.DEFAULT), request,
          new StreamObserver<byte[]>() {
            long epochMs;
            long version;

            private final MessageScan.Sink sink = new MessageScan.Sink() {
              @Override
              public void snapshot(long v, long epoch) {
                snapshots.incrementAndGet();
                epochMs = epoch;
                version = v;
              }

              @Override
              public void delta(long v, long at, boolean isAnnotations) {
                long now = System.currentTimeMillis();
                deltas.increment();
                if (v != version + 1) {
                  gaps.incrementAndGet();
                }
                version = v;
                long lag = Math.max(0, now - (epochMs + at));
                (isAnnotations ? annotations : topology).recordValue(lag);
                int second = (int) Math.min(3599, (System.nanoTime() - wall0) / 1_000_000_000L);
                worstPerSecond.accumulateAndGet(second, lag, Math::max);
              }

              @Override
              public void heartbeat(long v) {
                heartbeats.incrementAndGet();
              }
            };

            @Override
            public void onNext(byte[] m) {
              bytes.add(m.length);
              try {
                MessageScan.scan(m, sink);
              } catch (IOException e) {
                errors.incrementAndGet();
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
    say("opened %d streams (%s)", n, epoll ? "epoll" : "nio");
    long reported = 0;
    boolean ready = false;
    while (!closed.await(1, TimeUnit.SECONDS)) {
      long s = snapshots.get();
      if (!ready && s >= n) {
        StateDistributionGrpc.newBlockingStub(channels.get(0))
            .report(HostReport.newBuilder().setHostId(READY_HOST).build());
        ready = true;
      }
      if (s != reported) {
        say("snapshots=%d deltas=%d", s, deltas.sum());
        reported = s;
      }
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (ProcessStats.cpu().toNanos() - cpu0.toNanos()) / 1e9;
    var t = topology.getIntervalHistogram();
    var a = annotations.getIntervalHistogram();
    say("RESULT subscribers subscribers=%d snapshots=%d deltas=%d gaps=%d scanErrors=%d heartbeats=%d bytes=%d"
            + " topoCount=%d topoP50ms=%d topoP99ms=%d topoMaxMs=%d"
            + " annCount=%d annP50ms=%d annP99ms=%d annMaxMs=%d cpuCoresAvg=%.2f peakRssMiB=%.0f",
        n, snapshots.get(), deltas.sum(), gaps.get(), errors.get(), heartbeats.get(), bytes.sum(),
        t.getTotalCount(), t.getValueAtPercentile(50), t.getValueAtPercentile(99), t.getMaxValue(),
        a.getTotalCount(), a.getValueAtPercentile(50), a.getValueAtPercentile(99), a.getMaxValue(),
        cpu / wall, ProcessStats.statusMiB("VmHWM"));
    StringBuilder timeline = new StringBuilder();
    for (int i = 0; i < worstPerSecond.length(); i++) {
      if (worstPerSecond.get(i) > 0) {
        timeline.append(' ').append(i).append("s:").append(worstPerSecond.get(i));
      }
    }
    say("TIMELINE worst latency (ms) by second of arrival:%s", timeline);
    channels.forEach(ManagedChannel::shutdownNow);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  static void say(String format, Object... args) {
    System.out.println("[subscribers] " + String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
