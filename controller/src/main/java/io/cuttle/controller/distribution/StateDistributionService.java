package io.cuttle.controller.distribution;

import io.cuttle.controller.status.EmbeddedHostStatusStore;
import io.cuttle.controller.status.HostStatus;
import io.cuttle.controller.status.HostStatusStore;
import io.cuttle.controller.status.StatusOptions;
import io.cuttle.controller.store.StateListener;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.event.TopologyEvent;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.ReportAck;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cuttle.v1.StateDistribution} service: streams the store's state to every Watch
 * subscriber (snapshot or resume deltas, then live deltas and heartbeats) and hands every host's
 * Report to the {@link HostStatusStore}. Each delta is encoded once and the same bytes go to every stream.
 */
public final class StateDistributionService implements BindableService, StateListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateDistributionService.class);

  private final TopologyStore store;
  private final DistributionOptions options;
  private final Executor drainExecutor;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final DistributionMetrics metrics;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final DeltaLog deltaLog;
  private final boolean lingers;
  private final HostStatusStore statusStore;
  private final AtomicReference<EncodedSnapshot> snapshot = new AtomicReference<>();
  private final AtomicReference<byte[]> heartbeat = new AtomicReference<>();
  private final ScheduledFuture<?> heartbeats;
  private final ScheduledFuture<?> flushes;
  private final SnapshotGate snapshotGate;
  /** In lingering mode: topology changes that may go out before the flush tick (empty otherwise). */
  private final FlushBudget urgentFlushes;

  record EncodedSnapshot(long version, byte[] bytes) {}

  /** Topology commits after a quiet spell that skip the linger window (a failure is a short burst). */
  static final int URGENT_BURST = 4;
  /** One skip comes back per this many linger periods, so sustained churn still coalesces. */
  static final int URGENT_REFILL_LINGERS = 4;

  /** A service that keeps host reports in memory only (see the full constructor). */
  public StateDistributionService(TopologyStore store, DistributionOptions options, Executor drainExecutor,
      ScheduledExecutorService scheduler, Clock clock, LongSupplier nanoTime, MeterRegistry registry) {
    this(store, options, drainExecutor, scheduler, clock, nanoTime, registry,
        EmbeddedHostStatusStore.inMemory(StatusOptions.DEFAULT_HISTORY));
  }

  /**
   * @param drainExecutor runs the per-subscriber send tasks (a small fixed pool)
   * @param scheduler     runs the heartbeat tick
   * @param nanoTime      monotonic time source (System::nanoTime outside tests)
   * @param statusStore   where host reports go (the caller closes it)
   */
  public StateDistributionService(TopologyStore store, DistributionOptions options, Executor drainExecutor,
      ScheduledExecutorService scheduler, Clock clock, LongSupplier nanoTime, MeterRegistry registry,
      HostStatusStore statusStore) {
    this.store = store;
    this.statusStore = statusStore;
    this.options = options;
    this.drainExecutor = drainExecutor;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.metrics = new DistributionMetrics(registry, clock);
    this.snapshotGate = new SnapshotGate(options.snapshotsInFlight());
    this.deltaLog = new DeltaLog(options.subscriberBuffer());
    this.lingers = !options.linger().isZero();
    Gauge.builder("cuttle.controller.snapshots.waiting", snapshotGate, SnapshotGate::waiting)
        .description("Subscribers waiting for their turn to be sent a snapshot").register(registry);
    Gauge.builder("cuttle.controller.subscribers", subscribers, Set::size)
        .description("Open Watch streams").register(registry);
    Gauge.builder("cuttle.controller.state.version", store, s -> s.current().version())
        .description("Current state version").register(registry);
    store.addListener(this);
    long period = options.heartbeat().toNanos();
    this.heartbeats = scheduler.scheduleAtFixedRate(this::heartbeatTick, period, period, TimeUnit.NANOSECONDS);
    long linger = options.linger().toNanos();
    this.flushes = linger == 0 ? null
        : scheduler.scheduleAtFixedRate(this::flushTick, linger, linger, TimeUnit.NANOSECONDS);
    this.urgentFlushes = new FlushBudget(linger == 0 ? 0 : URGENT_BURST, Math.max(1, linger * URGENT_REFILL_LINGERS),
        nanoTime);
  }

  @Override
  public ServerServiceDefinition bindService() {
    MethodDescriptor<WatchRequest, byte[]> watch = StateDistributionGrpc.getWatchMethod().toBuilder(
        ProtoUtils.marshaller(WatchRequest.getDefaultInstance()), RawMarshaller.INSTANCE).build();
    return ServerServiceDefinition.builder(StateDistributionGrpc.SERVICE_NAME)
        .addMethod(watch, ServerCalls.asyncServerStreamingCall(this::watch))
        .addMethod(StateDistributionGrpc.getReportMethod(), ServerCalls.asyncUnaryCall(this::report))
        .build();
  }

  // ---- Watch ----

  private void watch(WatchRequest request, StreamObserver<byte[]> observer) {
    ServerCallStreamObserver<byte[]> out = (ServerCallStreamObserver<byte[]>) observer;
    Subscriber sub = new Subscriber(request.getHostId(), out, this, deltaLog, drainExecutor, options.maxBatch(),
        nanoTime.getAsLong());
    out.setOnCancelHandler(() -> detach(sub, null));
    out.setOnReadyHandler(sub::scheduleDrain);
    Lineage wanted = request.hasLineage() ? WireCodec.lineage(request.getLineage()) : Lineage.NONE;
    String how = store.whileQuiet(state -> {
      Optional<List<Delta>> since = request.getVersion() > 0
          ? store.deltasSince(wanted, request.getVersion()) : Optional.empty();
      String result;
      // Resumable when the store still holds the version and the shared log every delta after it.
      if (since.isPresent() && request.getVersion() + 1 >= deltaLog.oldestHeld()) {
        sub.startAfter(request.getVersion());
        sub.release(deltaLog.head());
        result = "resuming after version " + request.getVersion() + " (" + since.get().size() + " deltas)";
      } else {
        sub.startWithSnapshot();
        result = request.getVersion() > 0
            ? "snapshot of version " + state.version() + " (version " + request.getVersion() + " of lineage "
                + wanted + " is not held)"
            : "snapshot of version " + state.version();
      }
      subscribers.add(sub);
      return result;
    });
    log.debug("watch from host '{}': {}", request.getHostId(), how);
    sub.scheduleDrain();
  }

  void detach(Subscriber sub, RuntimeException cause) {
    if (subscribers.remove(sub)) {
      sub.close();
      if (cause != null) {
        log.debug("dropping subscriber '{}': {}", sub.hostId(), cause.toString());
      }
    }
  }

  /**
   * Appends the commit's deltas to the shared log and lets every stream send them: at once, or in
   * lingering mode at the next flush tick. In lingering mode a commit that changes the
   * topology (anything but annotations) is flushed at once while the {@link FlushBudget} allows,
   * so a failure reaches the hosts without waiting for the tick; annotation rounds always linger.
   */
  @Override
  public void committed(NetworkState state, List<Delta> deltas) {
    deltaLog.append(deltas.stream().map(d -> Frames.encode(state.lineage(), d)).toList());
    if (!lingers) { // every commit goes out at once
      releaseAll();
    } else if (changesTopology(deltas) && urgentFlushes.tryTake()) {
      metrics.urgentFlush();
      releaseAll();
    }
  }

  private static boolean changesTopology(List<Delta> deltas) {
    for (Delta d : deltas) {
      if (!(d.event() instanceof TopologyEvent.AnnotationsUpdated)) {
        return true;
      }
    }
    return false;
  }

  private void releaseAll() {
    long head = deltaLog.head();
    for (Subscriber s : subscribers) {
      s.release(head);
    }
  }

  EncodedSnapshot snapshot() {
    NetworkState s = store.current();
    EncodedSnapshot cached = snapshot.get();
    if (cached != null && cached.version() == s.version()) {
      return cached;
    }
    EncodedSnapshot fresh = new EncodedSnapshot(s.version(), Frames.snapshot(s));
    snapshot.set(fresh);
    return fresh;
  }

  byte[] heartbeat() {
    byte[] h = heartbeat.get();
    return h != null ? h : makeHeartbeat();
  }

  private byte[] makeHeartbeat() {
    NetworkState s = store.current();
    byte[] h = Frames.heartbeat(s.version(), WireCodec.relative(s.lineage(), clock.instant()));
    heartbeat.set(h);
    return h;
  }

  /** Sends a heartbeat to every subscriber that was sent nothing for a whole heartbeat period. */
  void heartbeatTick() {
    try {
      makeHeartbeat();
      long quietSince = nanoTime.getAsLong() - options.heartbeat().toNanos();
      for (Subscriber s : subscribers) {
        s.heartbeatIfQuiet(quietSince);
      }
    } catch (RuntimeException e) {
      log.warn("heartbeat tick failed", e);
    }
  }

  /** In lingering mode: lets every subscriber send what was committed since the last tick. */
  void flushTick() {
    try {
      releaseAll();
    } catch (RuntimeException e) {
      log.warn("flush tick failed", e);
    }
  }

  // ---- Report ----

  private void report(HostReport report, StreamObserver<ReportAck> ack) {
    if (report.getHostId().isBlank()) {
      ack.onError(Status.INVALID_ARGUMENT.withDescription("host_id: expected a host identity, got an empty string")
          .asRuntimeException());
      return;
    }
    statusStore.record(HostStatus.fromReport(report, clock.instant()));
    metrics.report(report);
    ack.onNext(ReportAck.newBuilder().setVersion(store.current().version()).build());
    ack.onCompleted();
  }

  /** Where host reports are kept. */
  public HostStatusStore statusStore() {
    return statusStore;
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  SnapshotGate snapshotGate() {
    return snapshotGate;
  }

  DistributionMetrics metrics() {
    return metrics;
  }

  long nanoTime() {
    return nanoTime.getAsLong();
  }

  /** Stops the ticks and completes every open Watch stream (the daemons reconnect elsewhere or later). */
  @Override
  public void close() {
    heartbeats.cancel(false);
    if (flushes != null) {
      flushes.cancel(false);
    }
    store.removeListener(this);
    for (Subscriber s : subscribers) {
      if (subscribers.remove(s)) {
        s.finish(); // completes the Watch call, so that the server can terminate without waiting
      }
    }
  }
}
