package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.OspfApiStatus.State;
import io.cuttle.controller.topology.ospf.api.ApiFrame;
import io.cuttle.controller.topology.ospf.api.ApiMessage;
import io.cuttle.controller.topology.ospf.api.ApiRequests;
import io.cuttle.controller.topology.ospf.api.OspfApiSession;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import io.cuttle.controller.topology.ospf.lsa.LsaHeader;
import io.cuttle.controller.topology.ospf.record.LsaEvent;
import io.cuttle.controller.topology.ospf.record.LsaEventSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the link-state database of an FRR {@code ospfd} through its OSPF API and delivers the
 * area graph. Each session: register for all LSA events, request the whole database, the
 * neighbours and the router id; the router id arrives on the notification connection after every
 * LSA of the synchronisation, so it marks the dump complete. The listener's own database is
 * complete once its adjacencies are: at least one neighbour Full and none in ExStart, Exchange or
 * Loading (a restarted ospfd dumps what little it knows). Only then (or after {@link
 * OspfApiOptions#settleTimeout()}) is a spec delivered; after that, one per real change
 * (re-floods change nothing and deliver nothing).
 *
 * <p>When the connection fails or ospfd restarts, the provider reports it ({@code specRejected}
 * with the cause; the last complete graph stays in force), reconnects with exponential backoff
 * and resynchronises from an empty database. Malformed frames and LSAs are reported and skipped;
 * a stream that cannot be re-framed is closed and reconnected. Nothing here throws into the
 * caller or the listener.
 */
public final class OspfApiTopologyProvider implements TopologyProvider {
  private static final Logger log = LoggerFactory.getLogger(OspfApiTopologyProvider.class);
  private static final long SEQ_REGISTER = 1;
  private static final long SEQ_SYNC_LSDB = 2;
  private static final long SEQ_SYNC_NSM = 3;
  private static final long SEQ_SYNC_ROUTER_ID = 4;

  private final OspfApiOptions options;
  private final Clock clock;
  private final LsaEventSink sink;
  private final String name;
  private final Thread connector;

  // guarded by this
  private TopologyProviderListener listener;
  private LsdbFollower follower;
  private OspfApiSession session;
  private boolean synced;
  private long dumpedAtNanos = -1;
  private int listenerId;
  private boolean closed;
  private State state = State.IDLE;
  private String detail = "";
  private java.time.Instant since;
  private long sessions;
  private long problems;
  private long unknownTypes;
  private final Set<Integer> unknownSeen = new HashSet<>();
  private final Map<String, Integer> neighbors = new HashMap<>();

  /**
   * @param clock timestamps of recorded events and of the status
   * @param sink  receives every LSA event (e.g. a {@link io.cuttle.controller.topology.ospf.record.LsaEventRecorder});
   *              closed with the provider
   */
  public OspfApiTopologyProvider(OspfApiOptions options, Clock clock, LsaEventSink sink) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.name = "ospf-api:" + options.api().getHostString() + ":" + options.api().getPort();
    this.since = clock.instant();
    this.connector = new Thread(this::connectLoop, "cuttle-ospf-api");
    this.connector.setDaemon(true);
  }

  @Override
  public String name() {
    return name;
  }

  /** Starts connecting in the background; the first spec comes after the first synchronisation. */
  @Override
  public synchronized void start(TopologyProviderListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (this.listener != null || closed) {
      throw new IllegalStateException(name + " was already " + (closed ? "closed" : "started"));
    }
    this.listener = listener;
    this.follower = new LsdbFollower(name, listener);
    connector.start();
  }

  public synchronized OspfApiStatus status() {
    return new OspfApiStatus(state, detail, since, sessions, follower == null ? 0 : follower.lsaCount(),
        (int) neighbors.values().stream().filter(s -> s == ApiMessage.NsmChange.FULL).count(),
        problems + (follower == null ? 0 : follower.malformedCount()), unknownTypes);
  }

  @Override
  public java.util.Optional<String> statusDetail() {
    OspfApiStatus st = status();
    return java.util.Optional.of(st.state() + " since " + st.since() + " (" + st.detail() + "); sessions "
        + st.sessions() + ", LSAs " + st.lsas() + ", neighbours Full " + st.neighbors() + ", problems "
        + st.problems() + ", unknown messages " + st.unknownTypes());
  }

  /** The last spec delivered, or null before the first synchronisation completed. */
  public synchronized TopologySpec lastSpec() {
    return follower == null ? null : follower.lastDelivered();
  }

  /** Notes on what the last graph left out (see {@link AreaGraph#notes()}). */
  public synchronized List<String> notes() {
    return follower == null ? List.of() : follower.notes();
  }

  /** The LSAs currently held (for comparisons and diagnostics). */
  public synchronized List<LsdbEntry> lsdb() {
    return follower == null ? List.of() : follower.entries();
  }

  private void connectLoop() {
    Duration backoff = options.minBackoff();
    while (!isClosed()) {
      setState(State.CONNECTING, "connecting to " + options.api());
      String cause;
      boolean completed = false;
      try (OspfApiSession s = OspfApiSession.open(options.api(), options.requestTimeout())) {
        if (!beginSession(s)) {
          return;
        }
        cause = runSession(s);
        synchronized (this) {
          completed = synced;
          session = null;
        }
      } catch (IOException e) {
        cause = "cannot connect to " + options.api() + ": " + e.getMessage();
      }
      if (isClosed()) {
        return;
      }
      if (completed) {
        backoff = options.minBackoff();
      }
      disconnected(cause, backoff);
      try {
        TimeUnit.NANOSECONDS.sleep(backoff.toNanos());
      } catch (InterruptedException e) {
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff()
          : backoff.multipliedBy(2);
    }
  }

  private synchronized boolean beginSession(OspfApiSession s) {
    if (closed) {
      return false;
    }
    session = s;
    synced = false;
    dumpedAtNanos = -1;
    neighbors.clear();
    follower.reset();
    sink.record(new LsaEvent(clock.instant(), System.nanoTime(), LsaEvent.Kind.RESET, 0, new byte[0]));
    setState(State.SYNCHRONISING, "connected " + s.describe());
    return true;
  }

  /** Sends the synchronisation requests from a helper thread and reads notifications here. */
  private String runSession(OspfApiSession s) {
    String[] requestFailure = new String[1];
    Thread requests = new Thread(() -> {
      try {
        expectOk(s, ApiRequests.registerEvent(SEQ_REGISTER));
        expectOk(s, ApiRequests.syncLsdb(SEQ_SYNC_LSDB));
        s.request(ApiRequests.syncNsm(SEQ_SYNC_NSM), options.requestTimeout());
        expectOk(s, ApiRequests.syncRouterId(SEQ_SYNC_ROUTER_ID));
      } catch (IOException e) {
        requestFailure[0] = e.getMessage();
        s.close();
      }
    }, "cuttle-ospf-api-sync");
    requests.setDaemon(true);
    requests.start();
    String cause = s.readNotifications(new Handler(), options.replacementGrace());
    s.close();
    try {
      requests.join(options.requestTimeout().toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return requestFailure[0] != null ? "synchronisation failed: " + requestFailure[0] : cause;
  }

  private void expectOk(OspfApiSession s, ApiFrame request) throws IOException {
    int error = s.request(request, options.requestTimeout());
    if (error != 0) {
      throw new IOException("request type " + request.type() + ": expected reply 0 (OK), got error " + error);
    }
  }

  /** Handles the notification connection on the connector thread. */
  private final class Handler implements OspfApiSession.Handler {
    @Override
    public boolean onMessages(List<ApiMessage> messages, long readNanos) {
      synchronized (OspfApiTopologyProvider.this) {
        if (closed) {
          return false;
        }
        boolean awaitReplacement = false;
        for (ApiMessage m : messages) {
          awaitReplacement = handle(m, readNanos);
        }
        trySettle(readNanos);
        if (synced && !awaitReplacement) {
          follower.publish(false);
        }
        return synced ? awaitReplacement : dumpedAtNanos >= 0;
      }
    }

    @Override
    public void onQuiet() {
      synchronized (OspfApiTopologyProvider.this) {
        if (closed) {
          return;
        }
        trySettle(System.nanoTime());
        if (synced) {
          follower.publish(false);
        }
      }
    }

    @Override
    public void onProblem(String problem) {
      synchronized (OspfApiTopologyProvider.this) {
        problems++;
        log.warn("{}: {}", name, problem);
      }
    }
  }

  /** Applies one message; returns true if it removed an LSA that is probably about to be replaced. */
  private boolean handle(ApiMessage m, long readNanos) {
    switch (m) {
      case ApiMessage.LsaChange c -> {
        byte[] lsa = c.lsa();
        sink.record(new LsaEvent(clock.instant(), readNanos,
            c.deleted() ? LsaEvent.Kind.DELETE : LsaEvent.Kind.UPDATE, c.area(), lsa));
        LinkStateDatabase.Applied a = follower.apply(c.deleted(), c.area(), lsa);
        int age = ((lsa[0] & 0xff) << 8) | (lsa[1] & 0xff);
        return c.deleted() && age < LsaHeader.MAX_AGE && a.outcome() == LinkStateDatabase.Outcome.REMOVED;
      }
      case ApiMessage.RouterIdChange r -> {
        if (r.sequence() == SEQ_SYNC_ROUTER_ID && dumpedAtNanos < 0) {
          dumpedAtNanos = readNanos;
          listenerId = r.routerId();
          setState(State.SYNCHRONISING, "database dumped; waiting for adjacencies to finish exchanging");
        }
      }
      case ApiMessage.NsmChange n -> {
        String key = Ipv4.text(n.interfaceAddress()) + "/" + Ipv4.text(n.neighborRouterId());
        if (n.state() <= 2) {
          neighbors.remove(key);
        } else {
          neighbors.put(key, n.state());
        }
        log.debug("{}: neighbour {} state {}", name, key, n.state());
      }
      case ApiMessage.IsmChange i -> log.debug("{}: interface {} area {} state {}", name,
          Ipv4.text(i.interfaceAddress()), Ipv4.text(i.area()), i.state());
      case ApiMessage.Unknown u -> {
        unknownTypes++;
        if (unknownSeen.add(u.type())) {
          log.info("{}: message type {} is not interpreted; ignored", name, u.type());
        }
      }
      case ApiMessage.Reply r -> log.debug("{}: unexpected reply {} on the notification connection", name, r);
    }
    return false;
  }

  /** Declares the database complete once the dump is in and the adjacencies have settled. */
  private void trySettle(long nowNanos) {
    if (synced || dumpedAtNanos < 0) {
      return;
    }
    boolean settled = neighbors.containsValue(ApiMessage.NsmChange.FULL)
        && neighbors.values().stream().noneMatch(st -> st >= 6 && st <= 8);
    boolean timedOut = nowNanos - dumpedAtNanos > options.settleTimeout().toNanos();
    if (!settled && !timedOut) {
      return;
    }
    if (!settled) {
      log.warn("{}: adjacencies did not settle within {}; delivering the graph of {} LSAs", name,
          options.settleTimeout(), follower.lsaCount());
    }
    synced = true;
    sessions++;
    sink.record(new LsaEvent(clock.instant(), nowNanos, LsaEvent.Kind.SYNCED, 0, new byte[0]));
    setState(State.SYNCHRONISED, "listener " + Ipv4.text(listenerId) + ", " + follower.lsaCount() + " LSAs");
    log.info("{}: synchronised: listener {}, {} LSAs, {} neighbours", name, Ipv4.text(listenerId),
        follower.lsaCount(), neighbors.size());
    follower.publish(true);
  }

  private void disconnected(String cause, Duration retryIn) {
    TopologyProviderListener l;
    synchronized (this) {
      synced = false;
      setState(State.DISCONNECTED, cause);
      l = listener;
    }
    log.warn("{}: {}; the last complete graph stays in force; retrying in {} ms", name, cause, retryIn.toMillis());
    try {
      l.specRejected(name, List.of(new io.cuttle.common.config.Diagnostic(
          new io.cuttle.common.config.Location(name, 1, 1), "connection",
          "expected a synchronised OSPF API session, got: " + cause)));
    } catch (RuntimeException e) {
      log.error("{}: topology listener failed", name, e);
    }
  }

  private synchronized void setState(State s, String why) {
    if (s != state) {
      since = clock.instant();
    }
    state = s;
    detail = why;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stops following, closes the connections and the event sink. Idempotent. */
  @Override
  public void close() {
    OspfApiSession s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = session;
      setState(State.CLOSED, "closed");
    }
    if (s != null) {
      s.close();
    }
    connector.interrupt();
    try {
      connector.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sink.close();
  }
}
