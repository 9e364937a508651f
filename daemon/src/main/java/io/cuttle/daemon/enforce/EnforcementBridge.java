package io.cuttle.daemon.enforce;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.policy.engine.EnforcementService;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the operating system to the handlers' desired state through one
 * {@link EnforcementAdapter}, on a thread of its own so that handlers never wait for the kernel.
 * It reconciles when the desired state changes, when the processes of a restricted application
 * change (a new process must join its application's restriction), and it verifies periodically
 * that nothing was removed behind its back. The latest report is kept for status reports.
 */
public final class EnforcementBridge implements EnforcementService, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EnforcementBridge.class);

  private final EnforcementAdapter adapter;
  private final Supplier<HostSnapshot> host;
  private final ScheduledExecutorService thread;
  private final AtomicReference<DesiredState> desired = new AtomicReference<>(DesiredState.empty());
  private final AtomicReference<EnforcementReport> latest = new AtomicReference<>();
  private volatile BiConsumer<DesiredState, EnforcementReport> reconciled = (d, r) -> { };
  private DesiredState appliedState; // only touched on the bridge's thread
  private AppProcesses appliedProcesses;
  private boolean armed;

  /**
   * @param host      the latest host snapshot (which processes make up each application)
   * @param thread    a single thread owned by the bridge from now on
   * @param recheck   how often processes are compared with what was applied
   * @param verify    how often the adapter checks the kernel still holds its rules
   * @param grace     after a start, how long to wait for the handlers' first desired state before
   *                  reconciling to "nothing restricted" (rules left by a previous run stay until then)
   */
  public EnforcementBridge(EnforcementAdapter adapter, Supplier<HostSnapshot> host, ScheduledExecutorService thread,
      Duration recheck, Duration verify, Duration grace) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.host = Objects.requireNonNull(host, "host");
    this.thread = Objects.requireNonNull(thread, "thread");
    thread.scheduleWithFixedDelay(this::reconcileIfChanged, recheck.toMillis(), recheck.toMillis(), TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(this::verify, verify.toMillis(), verify.toMillis(), TimeUnit.MILLISECONDS);
    thread.schedule(() -> {
      armed = true;
      reconcileIfChanged();
    }, grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String adapterName() {
    return adapter.name();
  }

  @Override
  public void apply(DesiredState state) {
    desired.set(Objects.requireNonNull(state, "state"));
    thread.execute(() -> {
      armed = true;
      reconcileIfChanged();
    });
  }

  /**
   * Who hears, on the bridge's thread, each desired state the adapter has just reconciled the
   * system to and its report (metrics); must not block.
   */
  public void onReconciled(BiConsumer<DesiredState, EnforcementReport> listener) {
    reconciled = Objects.requireNonNull(listener, "listener");
  }

  /** The outcome of the latest reconcile; empty before the first. */
  public Optional<EnforcementReport> latest() {
    return Optional.ofNullable(latest.get());
  }

  /**
   * The processes of every application in {@code snapshot}, as adapters want them, with the flows
   * the snapshot saw each one use (an adapter can restrict those before reading the app's sockets).
   */
  public static AppProcesses processesOf(HostSnapshot snapshot) {
    Map<String, java.util.SortedSet<Long>> pids = new TreeMap<>();
    Map<String, java.util.List<io.cuttle.host.model.FlowKey>> flows = new TreeMap<>();
    for (AppUsage a : snapshot.apps()) {
      TreeSet<Long> set = new TreeSet<>();
      a.pids().forEach(p -> set.add(p.longValue()));
      pids.put(a.app(), set);
      flows.put(a.app(), a.flows().stream().map(f -> f.key()).distinct().toList());
    }
    return new AppProcesses(pids, Map.of(), Map.of(), flows);
  }

  private void reconcileIfChanged() {
    if (!armed) {
      return;
    }
    try {
      DesiredState want = desired.get();
      AppProcesses processes = relevant(processesOf(host.get()), want);
      // flows come and go every tick: only a change of processes calls for a reconcile
      if (want.equals(appliedState) && processes.withoutFlows().equals(appliedProcesses)) {
        return;
      }
      EnforcementReport r = adapter.reconcile(want, processes);
      latest.set(r);
      appliedState = want;
      appliedProcesses = processes.withoutFlows();
      reconciled.accept(want, r);
      log.info("enforcement ({}): {} restriction(s) for {} app(s): {}", adapter.name(), r.outcomes().size(),
          want.byApp().size(), r.outcomes());
    } catch (RuntimeException e) {
      log.error("enforcement ({}) failed; retried at the next check", adapter.name(), e);
      appliedState = null; // force the next attempt
    }
  }

  /** Only the processes of restricted apps matter: others coming and going need no reconcile. */
  private static AppProcesses relevant(AppProcesses all, DesiredState want) {
    Map<String, java.util.SortedSet<Long>> pids = new TreeMap<>(all.pidsByApp());
    pids.keySet().retainAll(want.byApp().keySet());
    Map<String, java.util.List<io.cuttle.host.model.FlowKey>> flows = new TreeMap<>(all.flowsByApp());
    flows.keySet().retainAll(pids.keySet());
    return new AppProcesses(pids, Map.of(), Map.of(), flows);
  }

  private void verify() {
    try {
      if (appliedState == null) {
        return; // nothing installed by this run yet
      }
      VerifyReport v = adapter.verify();
      v.reapplied().ifPresent(latest::set);
      if (!v.isInSync()) {
        log.warn("enforcement ({}): rules changed behind the daemon's back, re-applied: {}", adapter.name(), v.drift());
      }
    } catch (RuntimeException e) {
      log.error("enforcement ({}): verify failed", adapter.name(), e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    adapter.close();
  }
}
