package io.cuttle.daemon.flows;

import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.accounting.FlowTable;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.accounting.RateHistory;
import io.cuttle.daemon.flows.accounting.SnapshotBuilder;
import io.cuttle.daemon.flows.capture.CaptureStats;
import io.cuttle.daemon.flows.capture.PacketCapture;
import io.cuttle.daemon.flows.capture.PacketHeader;
import io.cuttle.daemon.flows.netlink.NetlinkException;
import io.cuttle.daemon.flows.netlink.SockDiag;
import io.cuttle.daemon.flows.netlink.SocketEntry;
import io.cuttle.daemon.flows.netlink.ThreadPriority;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-application flow accounting in one network namespace. Every tick it dumps all TCP and UDP
 * sockets (sock_diag), finds each socket's processes ({@code /proc}), counts TCP bytes from the
 * kernel's counters and builds a {@link HostSnapshot}. Between ticks, TCP destroy events bring
 * the last bytes of closed sockets, and the packet capture wakes a resolver on every new
 * connection so that sockets living a few milliseconds are still seen with their process. UDP
 * volumes come from the accounting's nft table, read each tick ({@link KernelCounting}), or where
 * it is off or unavailable from the packet capture. A TCP socket that closed before any process
 * could be found holding it is given the app of the cgroup it was created in (seen by a dump, or
 * recorded by the nft table as its SYN left) when that cgroup holds one app only
 * ({@link io.cuttle.daemon.flows.accounting.CgroupAttributor}); otherwise it stays unknown.
 * Thread-safe; {@link #close()} stops its threads and removes the nft table.
 */
public final class FlowAccounting implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlowAccounting.class);
  private static final Duration UDP_RETRY = Duration.ofSeconds(1);
  /** Nice value of the threads that must see short-lived sockets before they close. */
  private static final int RESOLVER_NICE = -10;
  /** Longest pause between two reads of the kernel table while no UDP socket is open. */
  private static final Duration KERNEL_IDLE_READ = Duration.ofSeconds(30);

  private final FlowsConfig config;
  private final Clock clock;
  private final SockDiag diag;
  private final OriginDumps originDumps;
  private final Optional<KernelCounting> kernel;
  private final KernelCountingStatus kernelStatus;
  private final SockDiag.DestroyEvents destroyEvents;
  private final List<PacketCapture> captures;
  private final String captureProblem;
  private final OwnerFinder finder;
  private final Object tableLock = new Object();
  private final FlowTable table = new FlowTable();
  private final SocketBook book = new SocketBook(table);
  private final RateHistory appRates;
  private final RateHistory userRates;
  private final SnapshotBuilder builder;
  private final Map<FlowKey, Instant> udpTried = new HashMap<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final Object signal = new Object();
  private volatile boolean requested;
  private boolean udpOpen; // guarded by tableLock: the last tick's dump showed UDP sockets
  private volatile Instant kernelRead = Instant.MIN;
  private volatile boolean closed;
  private volatile HostSnapshot latest;
  private volatile long destroyLost;

  FlowAccounting(FlowsConfig config, String hostId, Clock clock, Path procRoot, SockDiag diag, SockDiag originDiag,
      SockDiag.DestroyEvents destroyEvents, List<PacketCapture> captures, String captureProblem,
      Optional<KernelCounting> kernel, KernelCountingStatus kernelStatus) {
    this.config = config;
    this.clock = clock;
    this.diag = diag;
    this.originDumps = new OriginDumps(originDiag, this::noteOrigins, RESOLVER_NICE);
    this.kernel = kernel;
    this.kernelStatus = kernelStatus;
    this.destroyEvents = destroyEvents;
    this.captures = List.copyOf(captures);
    this.captureProblem = captureProblem;
    this.finder = new OwnerFinder(config, procRoot, clock);
    Duration longest = config.windows().get(config.windows().size() - 1);
    this.appRates = new RateHistory(longest);
    this.userRates = new RateHistory(longest);
    this.builder = new SnapshotBuilder(hostId, config.windows().get(0), appRates, userRates);
    this.latest = HostSnapshot.empty(hostId, clock.instant());
  }

  /** Starts accounting as configured; see {@link FlowsStarter} for the checks made first. */
  public static FlowsStarter.Started start(FlowsConfig config, String hostId, Clock clock) {
    return FlowsStarter.start(config, hostId, clock);
  }

  void startThreads(SocketEntryBaseline baseline) {
    synchronized (tableLock) {
      book.baseline(baseline.tcp(), clock.instant());
    }
    thread("cuttle-flows-destroy", this::destroyLoop);
    thread("cuttle-flows-resolver", this::resolverLoop);
    thread("cuttle-flows-origins", originDumps);
    for (PacketCapture c : captures) {
      thread("cuttle-flows-capture-" + c.device(), () -> captureLoop(c));
    }
  }

  /** Ticks every configured interval on a thread of its own. */
  void startTicking() {
    long nanos = config.interval().toNanos();
    thread("cuttle-flows-tick", () -> {
      long next = System.nanoTime();
      while (!closed) {
        tick();
        next += nanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        } else {
          next = System.nanoTime();
        }
      }
    });
  }

  /** The sockets present at start, whose earlier bytes are not counted. */
  record SocketEntryBaseline(List<SocketEntry> tcp) {}

  private void thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  // ---- the tick ----

  /** Refreshes every socket and its owner, and makes the snapshot of this tick. */
  public HostSnapshot tick() {
    try {
      refresh(true);
    } catch (NetlinkException e) {
      log.warn("flow accounting tick failed: {}", e.getMessage());
    }
    return latest;
  }

  private void refresh(boolean complete) throws NetlinkException {
    KernelCounting.Pass pass = complete ? readKernel() : null;
    List<SocketEntry> tcp = diag.dump(Protocol.TCP);
    noteOrigins(tcp);
    List<SocketEntry> udp = diag.dump(Protocol.UDP);
    Set<Long> wanted = new HashSet<>();
    synchronized (tableLock) {
      for (SocketEntry s : tcp) {
        if (s.inode() != 0 && (complete || !book.knowsTcp(s.cookie()))) {
          wanted.add(s.inode());
        }
      }
      for (SocketEntry s : udp) {
        if (s.inode() != 0 && (complete || !book.knowsUdp(s.cookie()))) {
          wanted.add(s.inode());
        }
      }
    }
    Map<Long, Owner> owners = finder.owners(wanted, complete);
    if (complete) {
      finder.ownersFromCgroups(tcp, owners);
      finder.ownersFromCgroups(udp, owners);
    }
    Instant now = clock.instant();
    synchronized (tableLock) {
      book.applyTcp(tcp, owners, now);
      book.applyUdp(udp, owners, now);
    }
    if (pass != null) {
      explainFromOrigins(pass.origins());
    }
    synchronized (tableLock) {
      if (complete) {
        udpOpen = !udp.isEmpty();
        book.expire(now);
        table.expire(now, config.idleTimeout());
        udpTried.values().removeIf(t -> Duration.between(t, now).compareTo(UDP_RETRY) > 0);
        latest = builder.build(table, now);
      }
    }
  }

  /** Notes what the cgroups of new TCP sockets say while the sockets are alive; false if none was new. */
  private boolean noteOrigins(List<SocketEntry> tcp) {
    List<SocketEntry> unexplained;
    synchronized (tableLock) {
      unexplained = book.unexplained(tcp);
    }
    if (!unexplained.isEmpty()) {
      Map<Long, Owner> fromCgroups = finder.cgroupOwners(unexplained);
      synchronized (tableLock) {
        book.noteOrigins(unexplained, fromCgroups, clock.instant());
      }
    }
    return !unexplained.isEmpty();
  }

  // ---- between ticks ----

  private void resolverLoop() {
    ThreadPriority.niceThisThread(RESOLVER_NICE).ifPresent(w -> log.info("flow resolver: {}", w));
    while (!closed) {
      try {
        synchronized (signal) {
          while (!requested && !closed) {
            signal.wait();
          }
          requested = false;
        }
        if (!closed) {
          refresh(false);
        }
      } catch (InterruptedException e) {
        return;
      } catch (NetlinkException | RuntimeException e) {
        if (!closed) {
          log.warn("flow resolver pass failed: {}", e.toString());
        }
      }
    }
  }

  private void request() {
    if (!requested) {
      synchronized (signal) {
        requested = true;
        signal.notifyAll();
      }
    }
  }

  private void destroyLoop() {
    ThreadPriority.niceThisThread(RESOLVER_NICE).ifPresent(w -> log.info("destroy events: {}", w));
    while (!closed) {
      try {
        destroyEvents.run(s -> {
          synchronized (tableLock) {
            book.destroyed(s, clock.instant());
          }
        });
        return;
      } catch (NetlinkException e) {
        if (closed) {
          return;
        }
        destroyLost++;
        log.warn("socket destroy events: {}", e.getMessage());
      }
    }
  }

  private void captureLoop(PacketCapture c) {
    ThreadPriority.niceThisThread(RESOLVER_NICE).ifPresent(w -> log.info("packet capture: {}", w));
    CaptureBatch batch = new CaptureBatch();
    try {
      c.run(batch::add, () -> flush(batch));
    } catch (Exception e) {
      if (!closed) {
        log.warn("packet capture stopped: {}", e.getMessage());
      }
    }
  }

  /** Counts one batch of captured UDP traffic under one lock, and wakes the resolver if needed. */
  private void flush(CaptureBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    boolean syn = batch.sawSyn();
    boolean ask = countUdp(batch.udp());
    batch.clear();
    if (syn) {
      originDumps.request();
    }
    if (ask || syn) {
      request();
    }
  }

  /** Counts UDP traffic per 5-tuple ({bytes up, bytes down, packets up, packets down}); true if an owner is to be looked for. */
  private boolean countUdp(Map<FlowKey, long[]> udp) {
    boolean ask = false;
    synchronized (tableLock) {
      Instant now = clock.instant();
      for (var e : udp.entrySet()) {
        FlowKey key = e.getKey();
        long[] v = e.getValue();
        Traffic t = new Traffic(v[0], v[1], v[2], v[3]);
        var owner = book.udpOwner(key);
        if (owner.isPresent()) {
          table.count(key, owner.get().getKey(), owner.get().getValue(), t, now);
        } else {
          table.count(key, 0, Owner.unknown(Owner.Reason.PENDING), t, now);
          book.pendingUdp(key);
          ask |= udpTried.putIfAbsent(key, now) == null;
        }
      }
    }
    return ask;
  }

  // ---- the kernel table ----

  /**
   * Reads the kernel table and counts its UDP traffic, when a UDP socket was open at the last
   * tick, a closed TCP socket waits for its origin, or {@link #KERNEL_IDLE_READ} has passed (the
   * kernel keeps idle counters far longer); null without a kernel table or when not read.
   */
  private KernelCounting.Pass readKernel() {
    if (kernel.isEmpty()) {
      return null;
    }
    Instant now = clock.instant();
    boolean due;
    synchronized (tableLock) {
      due = udpOpen || book.hasDestroyedUnowned() || Duration.between(kernelRead, now).compareTo(KERNEL_IDLE_READ) >= 0;
    }
    if (!due) {
      return null;
    }
    kernelRead = now;
    KernelCounting.Pass pass = kernel.get().read();
    if (countUdp(pass.udp())) {
      request();
    }
    return pass;
  }

  /** Closed TCP sockets no process or dump explained get the owner their recorded origin's cgroup names. */
  private void explainFromOrigins(KernelCounting.Origins origins) {
    if (origins.isEmpty()) {
      return;
    }
    List<SocketEntry> waiting;
    synchronized (tableLock) {
      waiting = book.destroyedUnowned();
    }
    Map<Long, Owner> byCookie = new HashMap<>();
    for (SocketEntry s : waiting) {
      origins.of(s.key()).ifPresent(o -> byCookie.put(s.cookie(), finder.ofOrigin(o.cgroupId(), o.uid())));
    }
    if (!byCookie.isEmpty()) {
      synchronized (tableLock) {
        book.noteOrigins(waiting, byCookie, clock.instant());
      }
    }
  }

  void onPacket(PacketHeader h) {
    CaptureBatch b = new CaptureBatch();
    b.add(h);
    flush(b);
  }

  // ---- queries ----

  /** The snapshot of the last tick. */
  public HostSnapshot snapshot() {
    return latest;
  }

  /** Rates per app over every configured window, as of the last tick. */
  public Map<String, Map<Duration, Rate>> appRates() {
    Map<String, Map<Duration, Rate>> out = new LinkedHashMap<>();
    synchronized (tableLock) {
      for (var app : latest.apps()) {
        Map<Duration, Rate> r = new LinkedHashMap<>();
        config.windows().forEach(w -> r.put(w, appRates.rate(app.app(), w)));
        out.put(app.app(), r);
      }
    }
    return out;
  }

  /** Capture statistics summed over the capture interfaces. */
  public CaptureStats captureStats() {
    long rec = 0;
    long drop = 0;
    long ifdrop = 0;
    long parsed = 0;
    for (PacketCapture c : captures) {
      CaptureStats s = c.stats();
      rec += s.received();
      drop += s.dropped();
      ifdrop += s.droppedByIf();
      parsed += s.parsed();
    }
    return new CaptureStats(rec, drop, ifdrop, parsed);
  }

  /** Running, with why capture is off if it is. */
  public FlowsStatus status() {
    return new FlowsStatus(FlowsStatus.State.RUNNING, "accounting in network namespace " + diag.netns()
        + (captures.isEmpty() ? "" : ", capturing on " + captures.stream().map(PacketCapture::device).toList())
        + "; " + kernelStatus.detail(),
        java.util.Optional.ofNullable(captureProblem));
  }

  /** Whether the kernel table counts UDP and records connection origins, and why not. */
  public KernelCountingStatus kernelCounting() {
    return kernelStatus;
  }

  /** UDP datagrams the kernel table could not record (a set was full); 0 without the table. */
  public long kernelUnrecorded() {
    return kernel.map(KernelCounting::unrecorded).orElse(0L);
  }

  /** Bytes of live flows whose owner is unknown, by reason. */
  public Map<Owner.Reason, Long> unknownBytesByReason() {
    synchronized (tableLock) {
      return table.unknownBytesByReason();
    }
  }

  /** Bytes of live flows by how their owner was found. */
  public Map<Owner.Method, Long> bytesByMethod() {
    synchronized (tableLock) {
      return table.bytesByMethod();
    }
  }

  /** TCP sockets whose close was heard of before any dump saw them (their bytes went to unknown). */
  public long destroyedUnseen() {
    synchronized (tableLock) {
      return book.destroyedUnseen();
    }
  }

  public FlowsConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    originDumps.stop();
    threads.stream().filter(t -> t.getName().equals("cuttle-flows-tick")).forEach(java.util.concurrent.locks.LockSupport::unpark);
    captures.forEach(PacketCapture::stop);
    destroyEvents.close();
    for (Thread t : threads) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    captures.forEach(PacketCapture::close);
    diag.close();
    originDumps.close();
    kernel.ifPresent(KernelCounting::close);
  }
}
