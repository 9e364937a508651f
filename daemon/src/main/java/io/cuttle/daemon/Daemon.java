package io.cuttle.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.common.metrics.MetricsServer;
import io.cuttle.common.metrics.RouteResponse;
import io.cuttle.daemon.admin.DaemonMetrics;
import io.cuttle.daemon.admin.FlowsView;
import io.cuttle.daemon.admin.LoopMetrics;
import io.cuttle.daemon.enforce.EnforcementBridge;
import io.cuttle.daemon.flows.FlowAccounting;
import io.cuttle.daemon.flows.FlowsStarter;
import io.cuttle.daemon.flows.FlowsStatus;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.daemon.report.AppSummaries;
import io.cuttle.daemon.admin.StateText;
import io.cuttle.daemon.admin.StateView;
import io.cuttle.daemon.config.DaemonConfig;
import io.cuttle.daemon.policy.PolicyHook;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.report.HostReports;
import io.cuttle.daemon.report.ReactionLog;
import io.cuttle.daemon.report.RevertedRestrictions;
import io.cuttle.daemon.report.StatusReporter;
import io.cuttle.daemon.state.StateFile;
import io.cuttle.daemon.state.StateFileLoad;
import io.cuttle.daemon.state.StateKeeper;
import io.cuttle.daemon.state.StateListener;
import io.cuttle.daemon.state.StatePersister;
import io.cuttle.daemon.subscription.Backoff;
import io.cuttle.daemon.subscription.ChannelFactory;
import io.cuttle.daemon.subscription.ConnectionStatus;
import io.cuttle.daemon.subscription.ControllerClient;
import io.cuttle.daemon.subscription.StateSubscription;
import io.cuttle.daemon.subscription.SubscriptionStatus;
import io.cuttle.enforce.AdapterSelector;
import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.wire.v1.HostReport;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Cuttle daemon: loads {@code <state-dir>/state.pb}, subscribes to the controllers
 * for the network state, persists it, reports to the current controller every report interval
 * and serves {@code GET /metrics} and {@code GET /state} (JSON; {@code ?format=text} for the
 * text listing) and {@code GET /flows} (per-application traffic, when flow accounting is on) on
 * the admin address. {@link #close()} stops all of it and writes the state one
 * last time.
 */
public final class Daemon implements AutoCloseable {
  /** This daemon's version, as sent in reports. */
  public static final String VERSION = readVersion();

  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final DaemonConfig config;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final StateKeeper keeper;
  private final ControllerClient client;
  private final StateSubscription subscription;
  private final StatePersister persister;
  private final StatusReporter reporter;
  private final PrometheusMeterRegistry registry;
  private final PolicyHook policies;
  private final LoopMetrics loop;
  private final RevertedRestrictions reverted = new RevertedRestrictions();
  private final ReactionLog reactions = new ReactionLog();
  private final AtomicBoolean closed = new AtomicBoolean();
  private MetricsServer admin; // set during start, before the daemon is shared
  private EnforcementBridge enforcement; // set during start, when handlers and an adapter are present
  private final EnforcementAdapter injectedAdapter;
  private volatile FlowsStarter.Started flows = new FlowsStarter.Started(Optional.empty(),
      new FlowsStatus(FlowsStatus.State.DISABLED, "not started", Optional.empty()));

  private Daemon(Builder b, StateFile file, NetworkState initial) {
    this.config = b.config;
    this.clock = b.clock;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? newScheduler() : b.scheduler;
    this.keeper = new StateKeeper(initial);
    this.client = new ControllerClient(config.controllers(), b.channels);
    this.subscription = new StateSubscription(config.hostId(), keeper, client,
        new Backoff(config.reconnect(), b.random), clock, scheduler);
    this.persister = new StatePersister(file, initial, config.persistInterval(), clock, scheduler);
    keeper.addListener(persister);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    subscription.addListener(new DaemonMetrics(registry, keeper, subscription));
    this.reporter = new StatusReporter(client, this::report, config.reportInterval(), scheduler,
        r -> {
          reverted.acknowledged(r);
          reactions.acknowledged(r);
        });
    this.injectedAdapter = b.adapter;
    this.policies = new PolicyHook(b.handlerDir != null ? b.handlerDir : config.stateDir().resolve("handlers"),
        config.hostId(), clock, Duration.ofSeconds(1));
    keeper.addListener(policies);
    this.loop = new LoopMetrics(registry, clock, reactions);
    policies.observer(loop);
  }

  /** Starts a daemon with plaintext Netty channels, its own scheduler and the given clock. */
  public static Daemon start(DaemonConfig config, Clock clock) throws IOException {
    return builder(config).clock(clock).start();
  }

  /** A builder for a daemon with injected collaborators (tests, embedding). */
  public static Builder builder(DaemonConfig config) {
    return new Builder(config);
  }

  private static ScheduledExecutorService newScheduler() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "cuttle-daemon-scheduler");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    return s;
  }

  private static NetworkState loadState(StateFile file) {
    StateFileLoad load = file.load();
    switch (load) {
      case StateFileLoad.Loaded l -> log.info("resuming from {}: lineage {} version {}", l.file(),
          l.state().lineage(), l.state().version());
      case StateFileLoad.Missing m -> log.info("no state file at {}; starting with no state", m.file());
      case StateFileLoad.Corrupt c -> log.warn("starting with no state: {} was corrupt ({})", c.file(), c.reason());
      case StateFileLoad.Unreadable u -> log.warn("starting with no state: cannot read {} ({})", u.file(), u.reason());
    }
    return load.stateOr(NetworkState.empty(Lineage.NONE));
  }

  private void startServices() throws IOException {
    startFlows();
    Optional<HostPort> listen = config.adminListen();
    if (listen.isPresent()) {
      try {
        HostPort at = listen.get();
        admin = MetricsServer.start(at.host().isEmpty() ? new InetSocketAddress(at.port())
            : new InetSocketAddress(at.host(), at.port()), registry);
      } catch (IOException e) {
        throw new IOException("cannot serve admin endpoint on " + listen.get() + ": " + e.getMessage(), e);
      }
      admin.route("/state", uri -> {
        String q = uri.getQuery();
        return q != null && q.contains("format=text")
            ? RouteResponse.text(StateText.render(view()))
            : RouteResponse.json(StateView.toJson(view()));
      });
      admin.route("/handlers", policies::route);
      admin.route("/flows", uri -> RouteResponse.json(FlowsView.of(flows.status(), flows.accounting()).toString()));
    }
    policies.hostSource(this::hostSnapshot);
    policies.hostAddress(config.address());
    policies.start(keeper.current(), subscription::staleness);
    startEnforcement();
    reporter.start();
    subscription.start();
    log.info("cuttle daemon {} running as host {}: controllers {}, state dir {}, admin {}", VERSION,
        config.hostId(), config.controllers(), config.stateDir(),
        adminAddress().map(a -> a.getHostString() + ":" + a.getPort()).orElse("off"));
  }

  /**
   * With handlers loaded, hands their desired state to the configured adapter ({@code auto}: the
   * best available one, logged with why the others were passed over; {@code none}: decide only).
   */
  private void startEnforcement() {
    if (!policies.isActive()) {
      return;
    }
    Optional<EnforcementAdapter> adapter = injectedAdapter != null ? Optional.of(injectedAdapter) : chooseAdapter();
    if (adapter.isEmpty()) {
      return;
    }
    ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "cuttle-daemon-enforce");
      t.setDaemon(true);
      return t;
    });
    enforcement = new EnforcementBridge(adapter.get(), this::hostSnapshot, thread, Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofSeconds(10));
    enforcement.onReconciled(loop::reconciled);
    policies.enforcement(enforcement);
    enforcement.apply(policies.desired()); // what the handlers decided while the adapter was being chosen
  }

  private Optional<EnforcementAdapter> chooseAdapter() {
    if (DaemonConfig.ENFORCE_NONE.equals(config.enforcement())) {
      log.info("enforcement: none (configured); handlers decide, nothing is enforced");
      return Optional.empty();
    }
    Optional<String> wanted = DaemonConfig.ENFORCE_AUTO.equals(config.enforcement()) ? Optional.empty()
        : Optional.of(config.enforcement());
    AdapterSelector.Selection s = AdapterSelector.fromServiceLoader().select(wanted);
    if (s.chosen().isEmpty()) {
      log.warn("enforcement: no adapter usable here; handlers decide, nothing is enforced");
      return Optional.empty();
    }
    var names = config.enforcementNames();
    log.info("enforcement names: nft table {}, cgroup parent {}, tc major 0x{}, ifb {}, interfaces {}, netns {}",
        names.nftTable(), names.cgroupParent(), Integer.toHexString(names.tcMajor()), names.ifb(),
        names.interfaces().isEmpty() ? "of the default routes" : names.interfaces(), names.netns().orElse("own"));
    return Optional.of(s.chosen().get().create(names.settings(System.out::println)));
  }

  /** The enforcement in use; empty without handlers or adapter. */
  public Optional<EnforcementBridge> enforcement() {
    return Optional.ofNullable(enforcement);
  }

  /** Starts flow accounting if configured; a host where it cannot run logs why and goes on without it. */
  private void startFlows() {
    if (!config.flows().enabled()) {
      return;
    }
    flows = FlowsStarter.start(config.flows(), config.hostId(), clock);
    if (flows.accounting().isEmpty()) {
      log.warn("flow accounting is off: {}", flows.status().detail());
    }
  }

  // ---- queries ----

  /** The host's applications and their traffic as of the last flow-accounting tick. */
  public HostSnapshot hostSnapshot() {
    return flows.accounting().map(FlowAccounting::snapshot).orElseGet(() -> HostSnapshot.empty(config.hostId(),
        clock.instant()));
  }

  /** Whether flow accounting runs, and why not if it does not. */
  public FlowsStatus flowsStatus() {
    return flows.status();
  }

  public DaemonConfig config() {
    return config;
  }

  /** The state held now (an immutable snapshot). */
  public NetworkState state() {
    return keeper.current();
  }

  /** Hears every state change (for handlers); called on the thread that applied it. */
  public void addListener(StateListener listener) {
    keeper.addListener(listener);
  }

  /** The handler engine hook (handlers from {@code <state-dir>/handlers}, or the builder's directory). */
  public PolicyHook policies() {
    return policies;
  }

  public ConnectionStatus status() {
    return subscription.status();
  }

  /** Time since any controller was last heard from. */
  public Duration staleness() {
    return subscription.staleness();
  }

  /** The controller in use, or the one to be tried next. */
  public HostPort controller() {
    return subscription.controller();
  }

  public SubscriptionStatus subscriptionStatus() {
    return subscription.subscriptionStatus();
  }

  /** Where {@code /metrics} and {@code /state} are served (with the actual port); empty if off. */
  public Optional<InetSocketAddress> adminAddress() {
    return Optional.ofNullable(admin).map(MetricsServer::address);
  }

  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** The JSON view served at {@code /state}. */
  public ObjectNode view() {
    return StateView.of(config.hostId(), keeper.current(), subscription.subscriptionStatus());
  }

  /**
   * The report the daemon would send now, with the restrictions reverted and the reactions measured
   * since the last acknowledged report.
   */
  public HostReport report() {
    Optional<EnforcementReport> enforced = enforcement().flatMap(EnforcementBridge::latest);
    HostReport base = HostReports.of(config.hostId(), VERSION, keeper.current(), subscription.staleness(),
        clock.instant(), errors(), policies.explanation(), enforced);
    HostReport r = reactions.addTo(reverted.addTo(base, enforced));
    return flows.accounting().isEmpty() ? r : r.toBuilder().addAllApps(AppSummaries.of(hostSnapshot(),
        config.flows().prefixV4(), config.flows().prefixV6())).build();
  }

  /** Current problems: the subscription's error while recovering, failed writes and reports. */
  public List<String> errors() {
    List<String> out = new ArrayList<>();
    ConnectionStatus status = subscription.status();
    status.error().ifPresent(e -> out.add("subscription " + status.describe()));
    persister.lastError().ifPresent(out::add);
    reporter.lastError().ifPresent(out::add);
    return out;
  }

  /** Stops reporting and the subscription, writes the state, stops serving; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    reporter.close();
    flows.accounting().ifPresent(FlowAccounting::close);
    subscription.close();
    policies.close();
    if (enforcement != null) {
      enforcement.close(); // the rules stay: a restart reconciles them
    }
    persister.close();
    if (admin != null) {
      admin.close();
    }
    client.close();
    if (ownsScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log.info("cuttle daemon stopped at lineage {} version {}", keeper.current().lineage(),
        keeper.current().version());
  }

  private static String readVersion() {
    try (InputStream in = Daemon.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isBlank() && !v.contains("${")) {
          return v;
        }
      }
    } catch (IOException e) {
      // Fall through: a build without the resource is a development build.
    }
    return "dev";
  }

  /** Collaborators of a daemon; anything not set gets its production default. */
  public static final class Builder {
    private final DaemonConfig config;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private ChannelFactory channels = ChannelFactory.netty();
    private RandomGenerator random = RandomGenerator.getDefault();
    private java.nio.file.Path handlerDir;
    private EnforcementAdapter adapter;

    private Builder(DaemonConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** A scheduler the caller owns (the daemon will not shut it down); default: its own thread. */
    public Builder scheduler(ScheduledExecutorService s) {
      this.scheduler = Objects.requireNonNull(s, "scheduler");
      return this;
    }

    public Builder channels(ChannelFactory c) {
      this.channels = Objects.requireNonNull(c, "channels");
      return this;
    }

    /** The random source of the reconnect jitter. */
    public Builder random(RandomGenerator r) {
      this.random = Objects.requireNonNull(r, "random");
      return this;
    }

    /** Where handler scripts are loaded from; default {@code <state-dir>/handlers} (off if absent). */
    /** The enforcement adapter to use instead of the configured one (tests, embedding). */
    public Builder enforcementAdapter(EnforcementAdapter a) {
      this.adapter = Objects.requireNonNull(a, "adapter");
      return this;
    }

    public Builder handlerDir(java.nio.file.Path dir) {
      this.handlerDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Loads the state file and starts everything.
     *
     * @throws IOException if the admin address cannot be bound; nothing is left running then
     */
    public Daemon start() throws IOException {
      StateFile file = new StateFile(config.stateDir());
      Daemon d = new Daemon(this, file, loadState(file));
      try {
        d.startServices();
      } catch (IOException | RuntimeException e) {
        d.close();
        throw e;
      }
      return d;
    }
  }
}
