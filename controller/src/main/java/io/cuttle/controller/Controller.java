package io.cuttle.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.common.config.HostPort;
import io.cuttle.common.metrics.MetricsServer;
import io.cuttle.common.metrics.RouteResponse;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.distribution.DistributionOptions;
import io.cuttle.controller.distribution.HostStatus;
import io.cuttle.controller.distribution.StateDistributionService;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.file.ExampleTopology;
import io.cuttle.controller.topology.file.FileTopologyProvider;
import io.cuttle.controller.topology.ospf.snapshot.SnapshotTopologyProvider;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * the latest report of every host ({@code /hosts}).
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

  private Controller(TopologyStore store, StateDistributionService distribution, Server server,
      TopologyProvider provider, ProviderBridge bridge, Optional<MetricsServer> http,
      ScheduledExecutorService scheduler, ExecutorService drain, PrometheusMeterRegistry registry) {
    this.store = store;
    this.distribution = distribution;
    this.server = server;
    this.provider = provider;
    this.bridge = bridge;
    this.http = http;
    this.scheduler = scheduler;
    this.drain = drain;
    this.registry = registry;
  }

  /** Starts serving; fails (and releases everything) if an address cannot be bound. */
  public static Controller start(ControllerConfig config, Clock clock) throws IOException {
    long id = config.lineageId().orElseGet(() -> new SecureRandom().nextLong() | 1);
    Lineage lineage = new Lineage(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    TopologyStore store = new TopologyStore(lineage, clock, config.history());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(threads("cuttle-controller-timer"));
    ExecutorService drain = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), threads("cuttle-controller-send"));
    StateDistributionService distribution = new StateDistributionService(store,
        new DistributionOptions(config.subscriberBuffer(), 256, config.heartbeat(),
            DistributionOptions.DEFAULT_SNAPSHOTS_IN_FLIGHT, config.linger()), drain, scheduler, clock,
        System::nanoTime, registry);
    TopologyProvider provider;
    try {
      provider = switch (config.topology()) {
        case TopologySource.Example e -> ExampleTopology.provider();
        case TopologySource.FromFile f -> new FileTopologyProvider(f.path(), f.pollInterval(), scheduler);
        case TopologySource.Ospf o -> OspfProviders.live(o, clock);
        case TopologySource.OspfSnapshot s -> new SnapshotTopologyProvider(s.path());
        case TopologySource.OspfReplay r -> OspfProviders.replay(r, scheduler);
      };
    } catch (IOException e) {
      distribution.close();
      scheduler.shutdownNow();
      drain.shutdownNow();
      throw new IOException("cannot start topology provider: " + e.getMessage(), e);
    }
    ProviderBridge bridge = new ProviderBridge(provider.name(), store, clock, registry);
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
      if (server != null) {
        server.shutdownNow();
      }
      distribution.close();
      scheduler.shutdownNow();
      drain.shutdownNow();
      if (e instanceof IOException io) {
        throw new IOException("cannot start controller: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
    Controller c = new Controller(store, distribution, server, provider, bridge, http, scheduler, drain, registry);
    http.ifPresent(h -> h.route("/status", req -> RouteResponse.json(c.statusJson()))
        .route("/hosts", req -> RouteResponse.json(c.hostsJson())));
    log.info("controller lineage {} serving on {} (metrics: {}); topology provider: {}", lineage,
        server.getListenSockets(), http.map(h -> "http://" + h.address().getHostString() + ":" + h.port() + "/metrics")
            .orElse("off"), provider.name());
    provider.start(bridge);
    return c;
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

  public TopologyStore store() {
    return store;
  }

  public StateDistributionService distribution() {
    return distribution;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
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
    bridge.lastRejection().ifPresentOrElse(r -> {
      ObjectNode rej = root.putObject("lastRejection");
      rej.put("at", r.at().toString());
      rej.put("source", r.source());
      r.problems().forEach(rej.putArray("problems")::add);
    }, () -> root.putNull("lastRejection"));
    return root.toPrettyString();
  }

  /** The latest report of every host, as JSON, sorted by host id. */
  public String hostsJson() {
    ArrayNode arr = JSON.createArrayNode();
    Map<String, HostStatus> hosts = new TreeMap<>(distribution.hosts());
    hosts.forEach((host, st) -> {
      var r = st.report();
      ObjectNode h = arr.addObject();
      h.put("host", host);
      h.put("receivedAt", st.receivedAt().toString());
      h.put("lineage", Long.toHexString(r.getLineageId()));
      h.put("version", r.getVersion());
      h.put("stalenessMs", r.getStalenessMs());
      h.put("daemonVersion", r.getDaemonVersion());
      ArrayNode handlers = h.putArray("handlers");
      r.getHandlersList().forEach(x -> handlers.addObject().put("name", x.getName()).put("phase", x.getPhase()));
      ArrayNode restrictions = h.putArray("restrictions");
      r.getRestrictionsList().forEach(x -> restrictions.addObject().put("handler", x.getHandler())
          .put("app", x.getApp()).put("action", x.getAction()).put("outcome", x.getOutcome().name())
          .put("detail", x.getDetail()));
      r.getErrorsList().forEach(h.putArray("errors")::add);
    });
    return arr.toPrettyString();
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
    registry.close();
    log.info("controller stopped at version {}", store.current().version());
  }

}
