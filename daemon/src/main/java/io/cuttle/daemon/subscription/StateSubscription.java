package io.cuttle.daemon.subscription;

import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.state.StateKeeper;
import io.cuttle.daemon.state.StateUpdate;
import io.cuttle.daemon.subscription.SubscriptionListener.ResubscribeReason;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@code Watch} stream open to one controller at a time and feeds its messages to a
 * {@link StateKeeper}.
 *
 * <ul>
 *   <li>Each Watch presents the lineage and version held ({@link StateKeeper#watchRequest}).
 *   <li>A message the keeper rejects discards the stream; after a backoff delay the same
 *       controller is asked again, for a snapshot ({@link ConnectionState#RESYNCING}).
 *   <li>A stream that fails or ends moves to the next controller (round robin) after a jittered
 *       exponential backoff delay ({@link ConnectionState#BACKING_OFF}); the backoff starts
 *       over once a stream delivers data that fits.
 *   <li>Staleness is the time since the last accepted message (snapshot, deltas or heartbeat)
 *       from any controller, read from the injected clock.
 * </ul>
 *
 * <p>Retries run on the injected scheduler. Each Watch is an attempt with a number; callbacks of
 * an attempt that was superseded are ignored, so a late message from a discarded stream never
 * reaches the keeper.
 */
public final class StateSubscription implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateSubscription.class);

  private final String hostId;
  private final StateKeeper keeper;
  private final ControllerClient client;
  private final Backoff backoff;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Instant createdAt;
  private final List<SubscriptionListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  private long attempt; // guarded by lock; number of the current Watch
  private ClientCallStreamObserver<WatchRequest> call; // guarded by lock
  private ScheduledFuture<?> retry; // guarded by lock
  private boolean started; // guarded by lock
  private boolean closed; // guarded by lock
  private volatile ConnectionStatus status;
  private volatile Instant lastHeard; // null = never

  public StateSubscription(String hostId, StateKeeper keeper, ControllerClient client, Backoff backoff,
      Clock clock, ScheduledExecutorService scheduler) {
    this.hostId = Objects.requireNonNull(hostId, "hostId");
    this.keeper = Objects.requireNonNull(keeper, "keeper");
    this.client = Objects.requireNonNull(client, "client");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.createdAt = clock.instant();
    this.status = new ConnectionStatus(ConnectionState.IDLE, client.current(), Optional.empty(), createdAt);
  }

  /** Adds a listener; add them before {@link #start()} to hear everything. */
  public void addListener(SubscriptionListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Opens the first Watch (on the scheduler). */
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("subscription already started");
      }
      started = true;
      retry = scheduler.schedule(() -> connect(Optional.empty()), 0, TimeUnit.NANOSECONDS);
    }
  }

  public ConnectionStatus status() {
    return status;
  }

  /** The controller in use, or the one to be tried next while backing off. */
  public HostPort controller() {
    return client.current();
  }

  /** When a controller was last heard from, if ever. */
  public Optional<Instant> lastHeard() {
    return Optional.ofNullable(lastHeard);
  }

  /** Time since any controller was last heard from; since creation if none ever was. */
  public Duration staleness() {
    Instant since = lastHeard != null ? lastHeard : createdAt;
    Duration d = Duration.between(since, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  public SubscriptionStatus subscriptionStatus() {
    return new SubscriptionStatus(controller(), status, staleness(), lastHeard());
  }

  /** Cancels the stream and any pending retry; idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      attempt++;
      if (retry != null) {
        retry.cancel(false);
      }
      if (call != null) {
        call.cancel("daemon is shutting down", null);
        call = null;
      }
      setStatus(ConnectionState.CLOSED, client.current(), Optional.empty());
    }
  }

  // ---- attempts ----

  private void connect(Optional<String> why) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      long number = ++attempt;
      HostPort address = client.current();
      WatchRequest request = keeper.watchRequest(hostId);
      setStatus(ConnectionState.CONNECTING, address, why);
      if (request.hasLineage()) {
        log.info("subscribing to controller {}, presenting lineage {} version {}", address,
            WireCodec.lineage(request.getLineage()), request.getVersion());
      } else {
        log.info("subscribing to controller {}, asking for a snapshot", address);
      }
      try {
        client.stub().watch(request, new Attempt(number, address));
      } catch (RuntimeException e) {
        streamEnded(number, ResubscribeReason.STREAM_FAILED, "cannot open Watch: " + e);
      }
    }
  }

  private void received(Attempt a, StateMessage message) {
    Instant now = clock.instant();
    StateUpdate update;
    synchronized (lock) {
      if (a.number != attempt || closed) {
        return;
      }
      update = keeper.accept(message);
      if (update instanceof StateUpdate.Rejected r) {
        resync(a, r.reason());
      } else {
        lastHeard = now;
        backoff.reset();
        if (status.state() != ConnectionState.STREAMING) {
          log.info("streaming state from controller {} (version {})", a.address, keeper.current().version());
          setStatus(ConnectionState.STREAMING, a.address, Optional.empty());
        }
      }
    }
    for (SubscriptionListener l : listeners) {
      l.updateReceived(update, now);
    }
  }

  private void resync(Attempt a, String reason) {
    attempt++;
    if (call != null) {
      call.cancel("resync: " + reason, null);
      call = null;
    }
    Duration delay = backoff.nextDelay();
    log.warn("discarding stream from controller {}: {}; asking it for a snapshot in {} ms", a.address, reason,
        delay.toMillis());
    setStatus(ConnectionState.RESYNCING, a.address, Optional.of(reason));
    scheduleRetry(delay, reason);
    notifyResubscribing(ResubscribeReason.RESYNC, reason);
  }

  /** Called with the lock held or from a gRPC callback; ignores superseded attempts. */
  private void streamEnded(long number, ResubscribeReason why, String detail) {
    synchronized (lock) {
      if (number != attempt || closed) {
        return;
      }
      attempt++;
      call = null;
      HostPort failed = client.current();
      HostPort next = client.failover();
      Duration delay = backoff.nextDelay();
      if (next.equals(failed)) {
        log.warn("stream from controller {} {}; retrying in {} ms", failed, detail, delay.toMillis());
      } else {
        log.warn("stream from controller {} {}; failing over to {} in {} ms", failed, detail, next,
            delay.toMillis());
      }
      setStatus(ConnectionState.BACKING_OFF, failed, Optional.of(detail));
      scheduleRetry(delay, detail);
    }
    notifyResubscribing(why, detail);
  }

  private void scheduleRetry(Duration delay, String why) {
    retry = scheduler.schedule(() -> connect(Optional.of(why)), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void setStatus(ConnectionState state, HostPort address, Optional<String> error) {
    ConnectionStatus next = new ConnectionStatus(state, address, error, clock.instant());
    status = next;
    for (SubscriptionListener l : listeners) {
      l.statusChanged(next);
    }
  }

  private void notifyResubscribing(ResubscribeReason reason, String detail) {
    for (SubscriptionListener l : listeners) {
      l.resubscribing(reason, detail);
    }
  }

  private static String describe(Throwable t) {
    Status s = Status.fromThrowable(t);
    return s.getCode() + (s.getDescription() != null ? ": " + s.getDescription() : "")
        + (s.getCause() != null && s.getDescription() == null ? ": " + s.getCause() : "");
  }

  /** The observer of one Watch call. */
  private final class Attempt implements ClientResponseObserver<WatchRequest, StateMessage> {
    private final long number;
    private final HostPort address;

    Attempt(long number, HostPort address) {
      this.number = number;
      this.address = address;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
      synchronized (lock) {
        if (number == attempt) {
          call = requestStream;
        }
      }
    }

    @Override
    public void onNext(StateMessage message) {
      received(this, message);
    }

    @Override
    public void onError(Throwable t) {
      streamEnded(number, ResubscribeReason.STREAM_FAILED, "failed: " + describe(t));
    }

    @Override
    public void onCompleted() {
      streamEnded(number, ResubscribeReason.STREAM_ENDED, "was ended by the controller");
    }
  }
}
