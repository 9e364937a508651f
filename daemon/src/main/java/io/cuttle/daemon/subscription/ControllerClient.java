package io.cuttle.daemon.subscription;

import io.cuttle.common.config.HostPort;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.ReportAck;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.StateDistributionGrpc.StateDistributionStub;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's controllers: an ordered list of addresses with a current one, and one lazily
 * opened gRPC channel per address. {@link #failover()} moves to the next address, round robin.
 */
public final class ControllerClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControllerClient.class);

  private final List<HostPort> addresses;
  private final ChannelFactory channels;
  private final Map<HostPort, ManagedChannel> open = new HashMap<>(); // guarded by this
  private int current; // guarded by this
  private boolean closed; // guarded by this

  public ControllerClient(List<HostPort> addresses, ChannelFactory channels) {
    this.addresses = List.copyOf(addresses);
    if (this.addresses.isEmpty()) {
      throw new IllegalArgumentException("a controller client needs at least one address");
    }
    this.channels = Objects.requireNonNull(channels, "channels");
  }

  public List<HostPort> addresses() {
    return addresses;
  }

  /** The controller in use (or to be tried next). */
  public synchronized HostPort current() {
    return addresses.get(current);
  }

  /** Moves to the next address (round robin) and returns it. */
  public synchronized HostPort failover() {
    current = (current + 1) % addresses.size();
    return addresses.get(current);
  }

  /**
   * A stub on the current controller's channel. Its connect backoff is reset, so a controller
   * that came back is tried at once rather than after the channel's own backoff.
   */
  public synchronized StateDistributionStub stub() {
    if (closed) {
      throw new IllegalStateException("controller client is closed");
    }
    ManagedChannel ch = open.computeIfAbsent(current(), channels::open);
    ch.resetConnectBackoff();
    return StateDistributionGrpc.newStub(ch);
  }

  /** Sends a report to the current controller; the future fails with the gRPC status on error. */
  public CompletableFuture<ReportAck> report(HostReport report, Duration deadline) {
    CompletableFuture<ReportAck> result = new CompletableFuture<>();
    stub().withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS).report(report, new StreamObserver<>() {
      @Override
      public void onNext(ReportAck ack) {
        result.complete(ack);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        result.completeExceptionally(new IllegalStateException("controller sent no ReportAck"));
      }
    });
    return result;
  }

  /** Shuts every channel down (cancelling open calls); idempotent. */
  @Override
  public void close() {
    List<ManagedChannel> toClose;
    synchronized (this) {
      closed = true;
      toClose = List.copyOf(open.values());
      open.clear();
    }
    for (ManagedChannel ch : toClose) {
      ch.shutdownNow();
    }
    for (ManagedChannel ch : toClose) {
      try {
        if (!ch.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("channel {} did not terminate within 5s", ch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
