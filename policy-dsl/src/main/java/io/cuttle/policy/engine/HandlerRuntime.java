package io.cuttle.policy.engine;

import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.api.ActionSink;
import io.cuttle.policy.api.Actions;
import io.cuttle.policy.api.HostJson;
import io.cuttle.policy.api.Interop;
import io.cuttle.policy.api.NetView;
import io.cuttle.policy.api.Phase;
import io.cuttle.policy.api.Prelude;
import io.cuttle.policy.api.StateIndex;
import io.cuttle.policy.conflict.Claim;
import io.cuttle.policy.sandbox.CallResult;
import io.cuttle.policy.sandbox.FailureKind;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.HandlerScript;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.sandbox.SandboxLimits;
import io.cuttle.policy.sandbox.ScriptLoad;
import io.cuttle.policy.triggers.Trigger;
import io.cuttle.policy.triggers.TriggerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.graalvm.polyglot.Value;

/**
 * One loaded handler: its sandboxed script, lifecycle state, trigger bookkeeping and the
 * restrictions it holds. It is the {@link ActionSink} of its own script. Driven by the engine
 * from one thread at a time.
 */
final class HandlerRuntime implements ActionSink {
  private final HandlerSource source;
  private final TriggerState trigger;
  private HandlerScript script; // null after a failure closed it
  private Interop interop;
  private HandlerStatus status = HandlerStatus.WATCHING;
  private final List<Value> registered = new ArrayList<>();
  private final Map<String, AppRestriction> restrictions = new TreeMap<>();
  private final Map<String, String> lastReports = new LinkedHashMap<>();
  private boolean armed = true;
  private NetworkState lastSeen;
  private Phase phase = Phase.LOAD;
  private boolean inRun;
  private Instant now = Instant.EPOCH;
  private final List<Notification> notifications = new ArrayList<>();
  private final List<ReportEntry> reports = new ArrayList<>();
  private final HandlerCounters counters = new HandlerCounters();

  HandlerRuntime(HandlerSource source, TriggerState trigger) {
    this.source = source;
    this.trigger = trigger;
  }

  /** Loads the script into a fresh context; on failure the handler is FAILED with the reason. */
  Optional<HandlerFailure> load(SandboxEngine engine, SandboxLimits limits, Instant at) {
    closeScript();
    Actions actions = new Actions(() -> inRun ? this : null);
    ScriptLoad l = HandlerScript.load(engine, source.file(), source.script(), limits, actions.globals(),
        Prelude.source(source.params()));
    if (l instanceof ScriptLoad.Failed f) {
      fail(f.failure(), at);
      return Optional.of(f.failure());
    }
    script = ((ScriptLoad.Loaded) l).script();
    interop = new Interop(script.preludeResult());
    for (String fn : List.of("exception", "fire")) {
      if (script.function(fn).isEmpty()) {
        HandlerFailure miss = new HandlerFailure(source.file(), fn, FailureKind.MISSING_FUNCTION,
            "expected a function " + fn + (fn.equals("fire") ? "(net, host)" : "(net)") + ", got none", 0, 0);
        fail(miss, at);
        return Optional.of(miss);
      }
    }
    status = HandlerStatus.WATCHING;
    counters.loaded(at);
    return Optional.empty();
  }

  HandlerSource source() {
    return source;
  }

  TriggerState trigger() {
    return trigger;
  }

  HandlerStatus status() {
    return status;
  }

  HandlerCounters counters() {
    return counters;
  }

  Map<String, AppRestriction> restrictions() {
    return restrictions;
  }

  Map<String, String> lastReports() {
    return lastReports;
  }

  int registeredCount() {
    return registered.size();
  }

  List<Notification> drainNotifications() {
    List<Notification> out = List.copyOf(notifications);
    notifications.clear();
    return out;
  }

  List<ReportEntry> drainReports() {
    List<ReportEntry> out = List.copyOf(reports);
    reports.clear();
    return out;
  }

  /**
   * The host snapshot this handler's {@code host} view was last built for, when it was taken at
   * most {@code maxAge} before {@code latest}; else {@code latest}.
   */
  HostSnapshot hostWithin(HostSnapshot latest, java.time.Duration maxAge) {
    if (interop == null) {
      return latest;
    }
    return interop.builtFor().filter(HostSnapshot.class::isInstance).map(HostSnapshot.class::cast)
        .filter(b -> !b.at().plus(maxAge).isBefore(latest.at())).orElse(latest);
  }

  /** Whether this handler's {@code host} view was built for {@code snapshot}. */
  boolean hasViewOf(HostSnapshot snapshot) {
    return interop != null && interop.builtFor().filter(b -> b == snapshot).isPresent();
  }

  /** When the snapshot of this handler's {@code host} view was taken; {@link Instant#MIN} before the first. */
  Instant viewTakenAt() {
    return interop == null ? Instant.MIN : interop.builtFor().filter(HostSnapshot.class::isInstance)
        .map(b -> ((HostSnapshot) b).at()).orElse(Instant.MIN);
  }

  /**
   * Builds the {@code host} view of {@code host} ahead of a run. A failure to build it is left to
   * the run, which builds again and reports it as the handler's failure.
   */
  void prepareView(HostSnapshot host, java.util.function.Supplier<HostJson.Doc> hostJson) {
    if (script == null || !script.isAlive() || interop == null) {
      return;
    }
    try {
      interop.host(host, hostJson);
    } catch (RuntimeException e) {
      // the next run meets the same problem and reports it with the handler's name
    }
  }

  /** Runs the lifecycle once. Failures are recorded and returned, never thrown. */
  RunStep run(Trigger why, StateIndex index, java.time.Duration staleness, HostSnapshot host,
      java.util.function.Supplier<HostJson.Doc> hostJson, EventCache events, Instant at) {
    NetworkState state = index.state();
    now = at;
    trigger.ran(at);
    if (script == null || !script.isAlive()) {
      return new RunStep(RunOutcome.FAILED, Optional.empty());
    }
    inRun = true;
    try {
      NetView net = new NetView(interop, index, staleness, events.between(lastSeen, state));
      lastSeen = state;
      Value hostView = interop.host(host, hostJson);
      counters.ran(at);
      if (status == HandlerStatus.WATCHING) {
        RunStep watched = watch(net, hostView, at);
        if (watched.outcome() != RunOutcome.FIRED || registered.isEmpty()) {
          return watched;
        }
      }
      RunStep handled = handle(net, hostView, at);
      return handled.outcome() == RunOutcome.HANDLED && at.equals(counters.lastFiredAt)
          ? new RunStep(RunOutcome.FIRED, Optional.empty()) : handled;
    } catch (RuntimeException e) {
      // Outside any guarded call (building the views, a closed context): the handler fails alone.
      return failed(new HandlerFailure(source.file(), phase.name().toLowerCase(java.util.Locale.ROOT),
          FailureKind.INTERNAL, "the engine could not run the handler: " + e, 0, 0), at);
    } finally {
      inRun = false;
    }
  }

  private RunStep watch(NetView net, Value host, Instant at) {
    phase = Phase.PREDICATE;
    CallResult r = script.call("exception", net);
    if (r instanceof CallResult.Failed f) {
      return failed(f.failure(), at);
    }
    boolean exception = truthy(((CallResult.Returned) r).value());
    if (!exception) {
      armed = true;
      if (!restrictions.isEmpty()) {
        restrictions.clear(); // fire() restricted without registering: the episode is over
      }
    }
    if (!trigger.shouldFire(exception, at)) {
      return new RunStep(RunOutcome.NO_EXCEPTION, Optional.empty());
    }
    if (!armed) {
      return new RunStep(RunOutcome.ALREADY_FIRED, Optional.empty());
    }
    armed = false;
    phase = Phase.FIRE;
    counters.fired(at);
    CallResult f = script.call("fire", net, host);
    if (f instanceof CallResult.Failed x) {
      return failed(x.failure(), at);
    }
    if (!registered.isEmpty()) {
      status = HandlerStatus.REGISTERED;
      counters.registered(at);
    }
    return new RunStep(RunOutcome.FIRED, Optional.empty());
  }

  private RunStep handle(NetView net, Value host, Instant at) {
    phase = Phase.HANDLER;
    for (Value fn : List.copyOf(registered)) {
      if (!registered.contains(fn)) {
        continue; // deregistered by an earlier function in this run
      }
      CallResult r = script.call("handler", fn, net, host);
      if (r instanceof CallResult.Failed f) {
        return failed(f.failure(), at);
      }
    }
    if (registered.isEmpty()) {
      status = HandlerStatus.WATCHING;
      restrictions.clear();
      trigger.deregistered(at);
      armed = true;
      counters.deregistered(at);
      return new RunStep(RunOutcome.DEREGISTERED, Optional.empty());
    }
    return new RunStep(RunOutcome.HANDLED, Optional.empty());
  }

  private RunStep failed(HandlerFailure f, Instant at) {
    fail(f, at);
    return new RunStep(RunOutcome.FAILED, Optional.of(f));
  }

  private void fail(HandlerFailure f, Instant at) {
    status = HandlerStatus.FAILED;
    registered.clear();
    restrictions.clear();
    armed = true;
    counters.failed(f, at);
    closeScript();
  }

  /** Unloads: closes the context; restrictions go with it. */
  void unload() {
    registered.clear();
    restrictions.clear();
    closeScript();
  }

  private void closeScript() {
    if (script != null) {
      script.close();
      script = null;
    }
  }

  List<Claim> claims() {
    List<Claim> out = new ArrayList<>();
    restrictions.forEach((app, r) -> {
      r.maxUpBps().ifPresent(v -> out.add(claim(app, ActionKind.LIMIT_UP, v)));
      r.maxDownBps().ifPresent(v -> out.add(claim(app, ActionKind.LIMIT_DOWN, v)));
      if (r.blocked()) {
        out.add(claim(app, ActionKind.BLOCK, 1));
      }
      r.dscp().ifPresent(v -> out.add(claim(app, ActionKind.MARK, v)));
    });
    return out;
  }

  private Claim claim(String app, ActionKind kind, long value) {
    return new Claim(source.name(), source.priority(), app, kind, value);
  }

  private static boolean truthy(Value v) {
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      return d != 0 && !Double.isNaN(d);
    }
    if (v.isString()) {
      return !v.asString().isEmpty();
    }
    return true;
  }

  // ---- ActionSink ----

  @Override
  public Phase phase() {
    return phase;
  }

  @Override
  public void restrict(String app, OptionalLong maxUpBps, OptionalLong maxDownBps) {
    AppRestriction r = restrictions.getOrDefault(app, AppRestriction.of(app));
    if (maxUpBps.isPresent()) {
      r = r.withMaxUp(maxUpBps.getAsLong());
    }
    if (maxDownBps.isPresent()) {
      r = r.withMaxDown(maxDownBps.getAsLong());
    }
    restrictions.put(app, r);
  }

  @Override
  public void block(String app) {
    restrictions.put(app, restrictions.getOrDefault(app, AppRestriction.of(app)).withBlock());
  }

  @Override
  public void mark(String app, int dscp) {
    restrictions.put(app, restrictions.getOrDefault(app, AppRestriction.of(app)).withDscp(dscp));
  }

  @Override
  public void unrestrict(String app) {
    restrictions.remove(app);
  }

  @Override
  public void removeAllRestrictions() {
    restrictions.clear();
  }

  @Override
  public void notify(String user, String text) {
    notifications.add(new Notification(source.name(), user, text, now));
  }

  @Override
  public void report(String key, String value) {
    lastReports.put(key, value);
    reports.add(new ReportEntry(source.name(), key, value, now));
  }

  @Override
  public void register(Value function) {
    if (!registered.contains(function)) {
      registered.add(function);
    }
  }

  @Override
  public void deregister(Optional<Value> function) {
    if (function.isEmpty()) {
      registered.clear();
    } else {
      registered.remove(function.get());
    }
  }

  /** The outcome of one run and the failure, if it failed in this run. */
  record RunStep(RunOutcome outcome, Optional<HandlerFailure> failure) {}
}
