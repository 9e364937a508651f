package io.cuttle.policy.sandbox;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One handler's script in its own context: the globals the engine gives it, the functions it
 * defines, and guarded calls into them. After a fatal failure (a tripped limit, a cancellation)
 * the context is gone and every further call fails with {@link FailureKind#CLOSED}; the owner
 * loads the script afresh if it wants it back.
 */
public final class HandlerScript implements AutoCloseable {
  private final String name;
  private final Context context;
  private final Value bindings;
  private final SandboxLimits limits;
  private final Watchdog watchdog;
  private volatile boolean dead;
  private Value preludeResult;

  private HandlerScript(String name, Context context, SandboxLimits limits, Watchdog watchdog) {
    this.name = name;
    this.context = context;
    this.bindings = context.getBindings("js");
    this.limits = limits;
    this.watchdog = watchdog;
  }

  /**
   * Creates a context, installs {@code globals} (proxies), evaluates the API's {@code prelude}
   * (its last expression's value is kept, see {@link #preludeResult()}) and then {@code source},
   * under the limits. Never throws for anything the script does.
   */
  public static ScriptLoad load(SandboxEngine engine, String name, String source, SandboxLimits limits,
      Map<String, Object> globals, String prelude) {
    Objects.requireNonNull(name, "name");
    Context ctx;
    try {
      ctx = engine.newContext(limits);
    } catch (RuntimeException e) {
      return new ScriptLoad.Failed(new HandlerFailure(name, "load", FailureKind.INTERNAL,
          "cannot create a sandbox context: " + e.getMessage(), 0, 0));
    }
    HandlerScript script = new HandlerScript(name, ctx, limits, engine.watchdog());
    try {
      globals.forEach(script.bindings::putMember);
    } catch (RuntimeException e) {
      script.close();
      return new ScriptLoad.Failed(new HandlerFailure(name, "load", FailureKind.INTERNAL,
          "cannot install the script API: " + e.getMessage(), 0, 0));
    }
    Source api = Source.newBuilder("js", prelude, "<api>").buildLiteral();
    CallResult p = script.guarded("load", () -> ctx.eval(api));
    if (p instanceof CallResult.Failed f) {
      script.close();
      return new ScriptLoad.Failed(new HandlerFailure(name, "load", FailureKind.INTERNAL,
          "the script API did not initialise: " + f.failure().message(), 0, 0));
    }
    script.preludeResult = ((CallResult.Returned) p).value();
    Source src = Source.newBuilder("js", source, name).buildLiteral();
    CallResult r = script.guarded("load", () -> ctx.eval(src));
    if (r instanceof CallResult.Failed f) {
      script.close();
      return new ScriptLoad.Failed(f.failure());
    }
    return new ScriptLoad.Loaded(script);
  }

  public String name() {
    return name;
  }

  /** The value of the prelude's last expression. */
  public Value preludeResult() {
    return preludeResult;
  }

  /** True while the context can still run code. */
  public boolean isAlive() {
    return !dead;
  }

  /** The global {@code name} if the script defines it as a function. */
  public Optional<Value> function(String function) {
    if (dead) {
      return Optional.empty();
    }
    try {
      Value v = bindings.getMember(function);
      return v != null && v.canExecute() ? Optional.of(v) : Optional.empty();
    } catch (PolyglotException e) {
      return Optional.empty();
    }
  }

  /** Calls the global function {@code function} with {@code args}, guarded by the limits. */
  public CallResult call(String function, Object... args) {
    Optional<Value> f = function(function);
    if (f.isEmpty()) {
      return missing(function);
    }
    return call(function, f.get(), args);
  }

  /** Calls a function value of this script (e.g. one it registered), reporting it as {@code label}. */
  public CallResult call(String label, Value function, Object... args) {
    return guarded(label, () -> function.execute(args));
  }

  private CallResult missing(String function) {
    if (dead) {
      return new CallResult.Failed(new HandlerFailure(name, function, FailureKind.CLOSED,
          "the handler's context was closed after an earlier failure", 0, 0), true);
    }
    return new CallResult.Failed(new HandlerFailure(name, function, FailureKind.MISSING_FUNCTION,
        "expected a function " + function + "(...), got " + describeGlobal(function), 0, 0), false);
  }

  private String describeGlobal(String function) {
    try {
      Value v = bindings.getMember(function);
      return v == null || v.isNull() ? "nothing" : v.toString();
    } catch (PolyglotException e) {
      return "nothing";
    }
  }

  private CallResult guarded(String label, java.util.function.Supplier<Value> body) {
    if (dead) {
      return missing(label);
    }
    Watchdog.Watch watch;
    try {
      context.resetLimits();
      watch = watchdog.watch(context, limits);
    } catch (RuntimeException e) {
      dead = true;
      return new CallResult.Failed(new HandlerFailure(name, label, FailureKind.CLOSED,
          "the handler's context is closed: " + e.getMessage(), 0, 0), true);
    }
    try (watch) {
      return new CallResult.Returned(body.get());
    } catch (PolyglotException e) {
      Optional<FailureKind> tripped = watch.tripped();
      boolean fatal = FailureMapper.fatal(e, tripped);
      if (fatal) {
        dead = true;
        close();
      }
      return new CallResult.Failed(FailureMapper.map(name, label, e, tripped), fatal);
    } catch (IllegalStateException e) {
      dead = true;
      return new CallResult.Failed(new HandlerFailure(name, label, watch.tripped().orElse(FailureKind.CLOSED),
          "the handler's context is closed: " + e.getMessage(), 0, 0), true);
    } catch (StackOverflowError | OutOfMemoryError e) {
      dead = true;
      close();
      return new CallResult.Failed(new HandlerFailure(name, label, FailureKind.MEMORY_BUDGET,
          "the handler exhausted " + (e instanceof StackOverflowError ? "the stack" : "the heap") + ": " + e, 0, 0),
          true);
    }
  }

  /** Closes the context, cancelling anything still running in it. Idempotent. */
  @Override
  public void close() {
    dead = true;
    try {
      context.close(true);
    } catch (RuntimeException e) {
      // Closing a cancelled context can itself report the cancellation; nothing is left to free.
    }
  }
}
