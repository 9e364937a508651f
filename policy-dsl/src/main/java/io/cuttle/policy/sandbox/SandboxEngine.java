package io.cuttle.policy.sandbox;

import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The shared GraalJS engine all handler contexts are created from (sharing parsed code and
 * compiled methods), and the watchdog guarding their calls. Every context it makes is
 * {@link SandboxPolicy#CONSTRAINED}: host access only to members annotated
 * {@link HostAccess.Export}, no host class lookup, no I/O, no threads, no processes, no
 * environment, output discarded.
 */
public final class SandboxEngine implements AutoCloseable {
  private final Engine engine;
  private final Watchdog watchdog;
  private final boolean ownsWatchdog;

  private SandboxEngine(Watchdog watchdog, boolean ownsWatchdog) {
    this.watchdog = Objects.requireNonNull(watchdog, "watchdog");
    this.ownsWatchdog = ownsWatchdog;
    this.engine = Engine.newBuilder("js")
        .sandbox(SandboxPolicy.CONSTRAINED)
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .option("engine.WarnInterpreterOnly", "false")
        .build();
  }

  /** An engine with its own watchdog on the system clock. */
  public static SandboxEngine create() {
    return new SandboxEngine(Watchdog.system(), true);
  }

  /** An engine using the given watchdog (not closed with the engine). */
  public static SandboxEngine create(Watchdog watchdog) {
    return new SandboxEngine(watchdog, false);
  }

  Watchdog watchdog() {
    return watchdog;
  }

  /** True when the Graal JIT compiles guest code here; false when it only interprets. */
  public boolean isCompiling() {
    return !"Interpreted".equals(engine.getImplementationName());
  }

  /** The polyglot implementation name (tells whether the JIT is in use). */
  public String implementationName() {
    return engine.getImplementationName();
  }

  Context newContext(SandboxLimits limits) {
    return Context.newBuilder("js")
        .engine(engine)
        .sandbox(SandboxPolicy.CONSTRAINED)
        .allowHostAccess(HostAccess.CONSTRAINED)
        .allowHostClassLookup(name -> false)
        .allowIO(IOAccess.NONE)
        .allowCreateThread(false)
        .allowCreateProcess(false)
        .allowNativeAccess(false)
        .allowEnvironmentAccess(EnvironmentAccess.NONE)
        .allowPolyglotAccess(PolyglotAccess.NONE)
        .out(OutputStream.nullOutputStream())
        .err(OutputStream.nullOutputStream())
        .resourceLimits(ResourceLimits.newBuilder().statementLimit(limits.statementLimit(), null).build())
        .build();
  }

  @Override
  public void close() {
    engine.close(true);
    if (ownsWatchdog) {
      watchdog.close();
    }
  }
}
