package io.cuttle.daemon.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.metrics.RouteResponse;
import io.cuttle.daemon.state.StateListener;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.engine.EngineListener;
import io.cuttle.policy.engine.EngineSettings;
import io.cuttle.policy.engine.EnforcementService;
import io.cuttle.policy.engine.Explanation;
import io.cuttle.policy.engine.HandlerEngine;
import io.cuttle.policy.engine.HandlerFiles;
import io.cuttle.policy.engine.Notification;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.SandboxEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handlers found in a directory ({@code *.js} with their manifests and an optional
 * {@code handlers.yaml}) on a thread of their own: on every state change and every poll
 * interval, against the latest state and host snapshot. Inactive (no engine, no thread) when the
 * directory does not exist. Enforcement and the host-snapshot source are plugged in by the
 * daemon's owner; until then the host snapshot is empty and the desired state is only kept.
 */
public final class PolicyHook implements StateListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PolicyHook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String hostId;
  private final Clock clock;
  private final Duration pollInterval;
  /**
   * Thread time per tick that building host views ahead of handler runs may take (2% of a core at
   * the 1 s tick); views beyond it wait for a later tick, oldest first.
   */
  static final Duration VIEW_BUDGET = Duration.ofMillis(20);
  private final AtomicReference<Supplier<HostSnapshot>> hostSource = new AtomicReference<>();
  private final AtomicReference<EnforcementService> enforcement = new AtomicReference<>(EnforcementService.NONE);
  private final AtomicReference<DesiredState> latest = new AtomicReference<>(DesiredState.empty());
  private final AtomicReference<String> loadProblems = new AtomicReference<>("");
  /** A state handed over and not yet taken by the handlers' thread (newest wins). */
  private final AtomicReference<NetworkState> pendingState = new AtomicReference<>();
  private final AtomicReference<Optional<InetAddress>> self = new AtomicReference<>(Optional.empty());
  private final AtomicReference<LoopObserver> observer = new AtomicReference<>(LoopObserver.NONE);
  private SandboxEngine sandbox;
  private volatile HandlerEngine engine;
  private volatile ScheduledExecutorService thread;

  public PolicyHook(Path dir, String hostId, Clock clock, Duration pollInterval) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.hostId = Objects.requireNonNull(hostId, "hostId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    hostSource.set(() -> HostSnapshot.empty(hostId, clock.instant()));
  }

  /** This host's address for handlers' path queries ({@code net.self}, {@code net.usesLabel}); set before start. */
  public void hostAddress(Optional<InetAddress> address) {
    self.set(Objects.requireNonNull(address, "address"));
  }

  /** Where host snapshots come from (the flow accounting); default: an empty snapshot. */
  public void hostSource(Supplier<HostSnapshot> source) {
    hostSource.set(Objects.requireNonNull(source, "source"));
  }

  /** Where the desired state goes after each change (the OS adapters); default: kept only. */
  public void enforcement(EnforcementService service) {
    enforcement.set(Objects.requireNonNull(service, "service"));
  }

  /** Who hears about states reaching the handlers, handler runs and failures (metrics); set before start. */
  public void observer(LoopObserver o) {
    observer.set(Objects.requireNonNull(o, "observer"));
  }

  /** The engine's handlers and the owner of every effective restriction; empty when inactive. */
  public synchronized Optional<Explanation> explanation() {
    return engine == null ? Optional.empty() : Optional.of(engine.explain());
  }

  /** True when a handler directory was found and the engine runs. */
  public synchronized boolean isActive() {
    return engine != null;
  }

  /** The desired state after the latest run. */
  public DesiredState desired() {
    return latest.get();
  }

  /** Loads the handlers and starts the poll thread, if the directory exists. */
  public synchronized void start(NetworkState initial, Supplier<Duration> staleness) {
    if (!Files.isDirectory(dir)) {
      log.info("no handler directory at {}: handlers are off", dir);
      return;
    }
    try {
      sandbox = SandboxEngine.create();
    } catch (RuntimeException | LinkageError e) {
      log.error("handlers are off: the JavaScript engine cannot start here ({})", e.toString());
      loadProblems.set("the JavaScript engine cannot start: " + e);
      return;
    }
    EngineSettings settings = EngineSettings.defaults(clock, RandomGenerator.getDefault()).withStaleness(staleness);
    engine = new HandlerEngine(sandbox, self.get().map(settings::withSelf).orElse(settings), desired -> {
          latest.set(desired);
          observer.get().desiredChanged(desired);
          enforcement.get().apply(desired);
        });
    engine.addListener(new EngineListener() {
      @Override
      public void failed(HandlerFailure f) {
        observer.get().failed(f);
        log.warn("handler failed: {}", f.describe());
      }

      @Override
      public void notified(Notification n) {
        log.info("handler {} notifies {}: {}", n.handler(), n.user(), n.text());
      }
    });
    HandlerFiles.Read read = HandlerFiles.directory(dir);
    read.diagnostics().forEach(d -> log.warn("handler not loaded: {}", d));
    loadProblems.set(String.join("\n", read.diagnostics().stream().map(Object::toString).toList()));
    read.handlers().forEach(engine::load);
    engine.stateChanged(initial);
    log.info("loaded {} handler(s) from {}: {}", read.handlers().size(), dir, engine.loaded());
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cuttle-handlers");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stateChanged(NetworkState state) {
    stateChanged(state, false);
  }

  @Override
  public void snapshotApplied(NetworkState state) {
    stateChanged(state, true);
  }

  private void stateChanged(NetworkState state, boolean snapshot) {
    HandlerEngine e = engine; // volatile reads: no lock that a status query might hold
    ScheduledExecutorService t = thread;
    if (e == null || t == null) {
      synchronized (this) { // start() may be under way: wait for it
        e = engine;
        t = thread;
      }
    }
    if (e == null || t == null) {
      return;
    }
    observer.get().stateApplied(state, snapshot);
    if (pendingState.getAndSet(state) == null) {
      t.execute(this::takePendingState);
    }
  }

  /**
   * On the handlers' thread: the newest state handed over since the last one taken (the caller, the
   * thread that applied it, never waits for a handler run in progress), then a run for it.
   */
  private void takePendingState() {
    NetworkState state = pendingState.getAndSet(null);
    HandlerEngine e = engine;
    if (state == null || e == null) {
      return; // nothing new, or closed meanwhile
    }
    try {
      e.stateChanged(state);
    } catch (RuntimeException x) {
      log.error("handler engine could not take state version {}", state.version(), x);
      return;
    }
    pollForState();
  }

  /**
   * A tick: the latest host snapshot, then every due handler; then, while the thread is idle, the
   * other handlers' host views of that snapshot ({@link #prepareViews}).
   */
  private void poll() {
    try {
      refreshHost();
      observer.get().polled(engine.poll());
    } catch (RuntimeException e) {
      log.error("handler engine poll failed; it runs again at the next interval", e);
      return;
    }
    queue(() -> prepareViews(0));
  }

  /**
   * Builds one more handler's {@code host} view of the latest snapshot, then queues itself for the
   * next, behind anything already queued (a new network state goes first), until every view is
   * current or {@link #VIEW_BUDGET} of this tick is spent. A reaction to a network change then
   * finds its handlers' views recent and does not build them on its path.
   */
  private void prepareViews(long spentNanos) {
    HandlerEngine e = engine;
    if (e == null) {
      return;
    }
    long t0 = System.nanoTime();
    boolean more;
    try {
      more = e.prepareHostView();
    } catch (RuntimeException x) {
      log.warn("building a handler's host view ahead of its run failed; it is built when the handler runs", x);
      return;
    }
    long spent = spentNanos + System.nanoTime() - t0;
    if (more && spent < VIEW_BUDGET.toNanos()) {
      queue(() -> prepareViews(spent));
    }
  }

  /** Queues {@code task} on the handlers' thread, behind what is queued already; nothing once closing. */
  private void queue(Runnable task) {
    ScheduledExecutorService t = thread;
    if (t == null) {
      return;
    }
    try {
      t.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      log.debug("handlers' thread is shutting down: a host view is not built ahead");
    }
  }

  /**
   * A run for a new network state: the latest host snapshot is handed over, but a handler whose
   * {@code host} view was built for a snapshot at most two poll intervals older runs against that
   * one (building the view of a new snapshot in a handler's context takes 15-40 ms with the
   * JavaScript interpreter on a loaded host). The network state is always the newest; the next
   * tick brings the latest host data to every handler.
   */
  private void pollForState() {
    try {
      refreshHost();
      observer.get().polled(engine.pollReusingHost(pollInterval.multipliedBy(2)));
    } catch (RuntimeException e) {
      log.error("handler engine poll failed; it runs again at the next interval", e);
    }
  }

  /** Hands the latest host snapshot to the engine (on the handlers' thread). */
  private void refreshHost() {
    engine.hostChanged(hostSource.get().get());
  }

  /** {@code GET /handlers}: JSON, or text with {@code ?format=text}. */
  public RouteResponse route(URI uri) throws IOException {
    HandlerEngine e;
    synchronized (this) {
      e = engine;
    }
    boolean text = uri.getQuery() != null && uri.getQuery().contains("format=text");
    if (e == null) {
      String msg = loadProblems.get().isEmpty() ? "handlers are off: no handler directory at " + dir
          : "handlers are off: " + loadProblems.get();
      return text ? RouteResponse.text(msg + "\n") : RouteResponse.json(JSON.writeValueAsString(Map.of("active",
          false, "reason", msg)));
    }
    var x = e.explain();
    if (text) {
      String problems = loadProblems.get();
      return RouteResponse.text("handler directory " + dir + "\n" + x.toText()
          + (problems.isEmpty() ? "" : "not loaded:\n  " + problems.replace("\n", "\n  ") + "\n"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("active", true);
    m.put("directory", dir.toString());
    m.putAll(x.toMap());
    m.put("notLoaded", loadProblems.get().isEmpty() ? List.of() : List.of(loadProblems.get().split("\n")));
    return RouteResponse.json(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.shutdownNow();
      try {
        thread.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (engine != null) {
      engine.close();
      sandbox.close();
    }
    engine = null;
  }
}
