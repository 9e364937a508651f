package io.cuttle.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a Prometheus registry at {@code GET /metrics} (text exposition format) plus any extra
 * GET routes registered with {@link #route}, using the JDK's built-in HTTP server.
 *
 * <p>Only GET is served: other methods get 405 (with {@code Allow: GET}), unknown paths 404
 * listing the known ones, and a route handler that throws yields 500 with the error message.
 * Paths match exactly; the query string is passed to the handler.
 */
public final class MetricsServer implements AutoCloseable {
  public static final String METRICS_PATH = "/metrics";
  /** The Prometheus text exposition format, version 0.0.4. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
  private static final int WORKER_THREADS = 2;

  private final HttpServer server;
  private final ExecutorService workers;
  private final Map<String, RouteHandler> routes = new ConcurrentHashMap<>();
  private final Map<String, RouteHandler> prefixRoutes = new ConcurrentHashMap<>();

  private MetricsServer(HttpServer server, ExecutorService workers, PrometheusMeterRegistry registry) {
    this.server = server;
    this.workers = workers;
    routes.put(METRICS_PATH, uri -> RouteResponse.ok(PROMETHEUS_CONTENT_TYPE, registry.scrape()));
  }

  /**
   * Binds {@code host:port} (port 0 picks a free port; see {@link #port()}) and starts serving.
   *
   * @throws IOException if the address cannot be bound (in use, not local, ...)
   */
  public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry) throws IOException {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    return start(new InetSocketAddress(host, port), registry);
  }

  /** Binds {@code address} and starts serving; see {@link #start(String, int, PrometheusMeterRegistry)}. */
  public static MetricsServer start(InetSocketAddress address, PrometheusMeterRegistry registry) throws IOException {
    Objects.requireNonNull(registry, "registry");
    if (address.isUnresolved()) {
      throw new IOException("cannot bind " + address.getHostString() + ":" + address.getPort()
          + ": host name does not resolve");
    }
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
    MetricsServer ms = new MetricsServer(server, workers, registry);
    server.createContext("/", ms::dispatch);
    server.setExecutor(workers);
    server.start();
    log.info("serving {} on http://{}:{}", METRICS_PATH, ms.address().getHostString(), ms.port());
    return ms;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "cuttle-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Registers (or replaces) the handler of an extra GET path such as {@code /state}.
   *
   * @return this server, for chaining
   */
  public MetricsServer route(String path, RouteHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("a route path must start with '/', got " + path);
    }
    if (path.equals(METRICS_PATH)) {
      throw new IllegalArgumentException(METRICS_PATH + " is served by the registry and cannot be replaced");
    }
    routes.put(path, handler);
    return this;
  }

  /**
   * Registers (or replaces) the handler of every GET path that starts with {@code prefix}, such as
   * {@code /api/v1/hosts/} for {@code /api/v1/hosts/<id>}; exact routes win over prefix routes.
   *
   * @return this server, for chaining
   */
  public MetricsServer routePrefix(String prefix, RouteHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (prefix == null || !prefix.startsWith("/") || !prefix.endsWith("/") || prefix.length() < 2) {
      throw new IllegalArgumentException("a route prefix must start and end with '/', got " + prefix);
    }
    prefixRoutes.put(prefix, handler);
    return this;
  }

  /** The bound address (with the actual port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting connections and ends the worker threads; idempotent. */
  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
      respond(exchange, answer(exchange));
    } catch (IOException e) {
      log.debug("HTTP client went away during {}: {}", exchange.getRequestURI(), e.toString());
    }
  }

  private RouteResponse answer(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    RouteHandler handler = routes.get(path);
    if (handler == null) {
      handler = prefixRoutes.entrySet().stream().filter(e -> path.startsWith(e.getKey()))
          .max(java.util.Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue).orElse(null);
    }
    if (handler == null) {
      TreeSet<String> known = new TreeSet<>(routes.keySet());
      prefixRoutes.keySet().forEach(p -> known.add(p + "..."));
      return RouteResponse.error(404, "no such path: " + path + "; expected one of " + known);
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      return RouteResponse.error(405, "method " + exchange.getRequestMethod() + " not allowed on " + path
          + "; expected GET");
    }
    try {
      return handler.handle(exchange.getRequestURI());
    } catch (IOException | RuntimeException e) {
      log.warn("GET {} failed", exchange.getRequestURI(), e);
      return RouteResponse.error(500, "internal error serving " + path + ": " + e);
    }
  }

  private static void respond(HttpExchange exchange, RouteResponse r) throws IOException {
    byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", r.contentType());
    exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
