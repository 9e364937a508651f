package io.cuttle.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.common.config.HostPort;
import io.cuttle.common.metrics.MetricsServer;
import io.cuttle.common.metrics.RouteResponse;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.annotation.AnnotatingTopologyProvider;
import io.cuttle.controller.annotation.PollOutcome;
import io.cuttle.controller.distribution.DistributionOptions;
import io.cuttle.controller.distribution.StateDistributionService;
import io.cuttle.controller.status.HostStatusService;
import io.cuttle.controller.status.HostStatusStore;
import io.cuttle.controller.status.HostStatusStores;
import io.cuttle.controller.status.StatusApi;
import io.cuttle.controller.store.AnnotationPacer;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.file.ExampleTopology;
import io.cuttle.controller.topology.file.FileTopologyProvider;
import io.cuttle.controller.topology.ospf.snapshot.SnapshotTopologyProvider;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running controller: topology provider -> store -> gRPC distribution to daemons, plus an
 * HTTP endpoint with Prometheus metrics ({@code /metrics}), its own status ({@code /status}) and
 * the latest status of every host ({@code /api/v1/hosts}, kept by the configured
 * {@link HostStatusStore}).
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopologyStore store;
  private final StateDistributionService distribution;
  private final Server server;
  private final TopologyProvider provider;
  private final ProviderBridge bridge;
  private final Optional<MetricsServer> http;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService drain;
  private final PrometheusMeterRegistry registry;
  private final Optional<AnnotatingTopologyProvider> annotations;
  private final HostStatusService status;

  private Controller(TopologyStore store, StateDistributionService distribution, Server server,
      TopologyProvider provider, ProviderBridge bridge, Optional<MetricsServer> http,
      ScheduledExecutorService scheduler, ExecutorService drain, PrometheusMeterRegistry registry,
      HostStatusService status) {
    this.annotations = provider instanceof AnnotatingTopologyProvider a ? Optional.of(a) : Optional.empty();
    this.store = store;
    this.distribution = distribution;
    this.server = server;
    this.provider = provider;
    this.bridge = bridge;
    this.http = http;
    this.scheduler = scheduler;
    this.drain = drain;
    this.registry = registry;
    this.status = status;
  }

  private static void tickQuietly(AnnotationPacer pacer) {
    try {
      pacer.tick();
    } catch (RuntimeException e) {
      log.warn("annotation round failed; its links are retried with the next round", e);
    }
  }

  /** Starts serving; fails (and releases everything) if an address cannot be bound. */
  public static Controller start(ControllerConfig config, Clock clock) throws IOException {
    long id = config.lineageId().orElseGet(() -> new SecureRandom().nextLong() | 1);
    Lineage lineage = new Lineage(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    TopologyStore store = new TopologyStore(lineage, clock, config.history());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    HostStatusStore statusStore = HostStatusStores.open(config.status(), clock, registry);
    HostStatusService status = new HostStatusService(statusStore, config.status().staleAfter(), clock, registry);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("cuttle-controller-timer"));
    ExecutorService drain = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), threads("cuttle-controller-send"));
    StateDistributionService distribution = new StateDistributionService(store,
        new DistributionOptions(config.subscriberBuffer(), 256, config.heartbeat(),
            DistributionOptions.DEFAULT_SNAPSHOTS_IN_FLIGHT, config.linger()), drain, scheduler, clock,
        System::nanoTime, registry, statusStore);
    scheduler.scheduleWithFixedDelay(() -> checkHosts(status), 1, 1, TimeUnit.SECONDS);
    LoopCounters counters = new LoopCounters(registry);
    store.addListener(counters);
    TopologyProvider source;
    try {
      source = switch (config.topology()) {
        case TopologySource.Example e -> ExampleTopology.provider();
        case TopologySource.FromFile f -> new FileTopologyProvider(f.path(), f.pollInterval(), scheduler);
        case TopologySource.Ospf o -> OspfProviders.live(o, clock, counters);
        case TopologySource.OspfSnapshot s -> new SnapshotTopologyProvider(s.path());
        case TopologySource.OspfReplay r -> OspfProviders.replay(r, scheduler);
      };
    } catch (IOException e) {
      distribution.close();
      scheduler.shutdownNow();
      drain.shutdownNow();
      statusStore.close();
      throw new IOException("cannot start topology provider: " + e.getMessage(), e);
    }
    TopologyProvider provider = source;
    if (config.annotations().isPresent()) {
      try {
        provider = AnnotatingTopologyProvider.create(source, config.annotations().get(), clock);
      } catch (IOException e) {
        source.close();
        distribution.close();
        scheduler.shutdownNow();
        drain.shutdownNow();
        statusStore.close();
        throw new IOException("cannot open the SNMP socket for link annotations: " + e.getMessage(), e);
      }
    }
    Optional<AnnotationPacer> pacer = config.annotationSpread().isZero() ? Optional.empty()
        : Optional.of(new AnnotationPacer(store, clock, config.annotationSpread(), ControllerConfig.ANNOTATION_TICK,
            AnnotationPacer.DEFAULT_MIN_CHUNK));
    pacer.ifPresent(p -> {
      Gauge.builder("cuttle.controller.annotations.pending", p, AnnotationPacer::pending)
          .description("Links whose new annotation waits for its turn to be sent").register(registry);
      long tick = ControllerConfig.ANNOTATION_TICK.toNanos();
      scheduler.scheduleAtFixedRate(() -> tickQuietly(p), tick, tick, TimeUnit.NANOSECONDS);
    });
    ProviderBridge bridge = new ProviderBridge(provider.name(), store, pacer, clock, registry);
    Server server = null;
    Optional<MetricsServer> http = Optional.empty();
    try {
      HostPort listen = config.listen();
      server = NettyServerBuilder.forAddress(address(listen)).addService(distribution)
          .permitKeepAliveTime(10, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true).build().start();
      if (config.metricsListen().isPresent()) {
        HostPort m = config.metricsListen().get();
        http = Optional.of(MetricsServer.start(address(m), registry));
      }
    } catch (IOException | RuntimeException e) {
      provider.close();
      if (server != null) {
        server.shutdownNow();
      }
      distribution.close();
      scheduler.shutdownNow();
      drain.shutdownNow();
      statusStore.close();
      if (e instanceof IOException io) {
        throw new IOException("cannot start controller: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
    Controller c = new Controller(store, distribution, server, provider, bridge, http, scheduler, drain, registry,
        status);
    http.ifPresent(h -> h.route("/status", req -> RouteResponse.json(c.statusJson())));
    http.ifPresent(new StatusApi(status, clock)::register);
    log.info("controller lineage {} serving on {} (metrics: {}); topology provider: {}; host status: {}", lineage,
        server.getListenSockets(), http.map(h -> "http://" + h.address().getHostString() + ":" + h.port() + "/metrics")
            .orElse("off"), provider.name(), statusStore.describe());
    provider.start(bridge);
    return c;
  }

  private static void checkHosts(HostStatusService status) {
    try {
      status.check();
    } catch (RuntimeException e) {
      log.warn("host status check failed", e);
    }
  }

  private static InetSocketAddress address(HostPort hp) {
    return hp.host().isEmpty() ? new InetSocketAddress(hp.port()) : new InetSocketAddress(hp.host(), hp.port());
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public int port() {
    return server.getPort();
  }

  public Optional<Integer> httpPort() {
    return http.map(MetricsServer::port);
  }

  /** True when everything the topology provider delivered is committed (annotations are paced). */
  public boolean settled() {
    return bridge.settled();
  }

  public TopologyStore store() {
    return store;
  }

  public StateDistributionService distribution() {
    return distribution;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Every host's latest status, judged for staleness on the controller's clock. */
  public HostStatusService hostStatus() {
    return status;
  }

  /** The controller's status as JSON: lineage, version, subscribers, provider and its last rejection. */
  public String statusJson() {
    NetworkState s = store.current();
    ObjectNode root = JSON.createObjectNode();
    root.put("lineage", Long.toHexString(s.lineage().id()));
    root.put("version", s.version());
    root.put("committedAt", s.at().toString());
    root.put("subscribers", distribution.subscriberCount());
    root.put("provider", bridge.providerName());
    provider.statusDetail().ifPresent(d -> root.put("providerStatus", d));
    root.put("routers", s.nodes().size());
    root.put("links", s.links().size());
    root.put("hostStatusStore", status.store().describe());
    bridge.lastRejection().ifPresentOrElse(r -> {
      ObjectNode rej = root.putObject("lastRejection");
      rej.put("at", r.at().toString());
      rej.put("source", r.source());
      r.problems().forEach(rej.putArray("problems")::add);
    }, () -> root.putNull("lastRejection"));
    annotations.ifPresent(a -> annotationStatus(a, root.putObject("annotations")));
    return root.toPrettyString();
  }

  /** The latest measurement round, each SNMP agent's latest outcome and unmatched static rules. */
  private static void annotationStatus(AnnotatingTopologyProvider a, ObjectNode out) {
    a.lastRound().ifPresentOrElse(r -> {
      ObjectNode round = out.putObject("lastRound");
      round.put("at", r.at().toString());
      round.put("linksMeasured", r.linksMeasured());
      round.put("linksSent", r.linksSent().size());
      round.put("linksWithdrawn", r.linksWithdrawn().size());
    }, () -> out.putNull("lastRound"));
    ArrayNode agents = out.putArray("agents");
    a.agentOutcomes().forEach((agent, outcome) -> {
      ObjectNode n = agents.addObject().put("agent", agent.toString());
      switch (outcome) {
        case PollOutcome.Sampled s -> n.put("outcome", "SAMPLED").put("interfaces", s.sample().byAddress().size());
        case PollOutcome.Failed f -> n.put("outcome", f.reason().name()).put("detail", f.detail());
      }
    });
    a.unresolved().forEach(out.putArray("unresolved")::add);
  }

  /** Blocks until the server terminates (after {@link #close()} or a shutdown signal). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    provider.close();
    server.shutdown();
    distribution.close();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    http.ifPresent(MetricsServer::close);
    scheduler.shutdownNow();
    drain.shutdownNow();
    status.store().close();
    registry.close();
    log.info("controller stopped at version {}", store.current().version());
  }

}
