package io.cuttle.policy.check;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.policy.api.Actions;
import io.cuttle.policy.api.Prelude;
import io.cuttle.policy.engine.HandlerFiles;
import io.cuttle.policy.engine.HandlerSource;
import io.cuttle.policy.sandbox.CallResult;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.HandlerScript;
import io.cuttle.policy.sandbox.SandboxEngine;
import io.cuttle.policy.sandbox.SandboxLimits;
import io.cuttle.policy.sandbox.ScriptLoad;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Value;

/** Checks one handler file (with its manifest) without running it against a network. */
public final class PolicyChecker {
  private PolicyChecker() {}

  /** Every finding, in file and line order; no errors means the handler can be loaded. */
  public static List<Finding> check(SandboxEngine sandbox, Path script) {
    List<Finding> out = new ArrayList<>();
    HandlerFiles.Read read = HandlerFiles.one(script, Map.of());
    for (Diagnostic d : read.diagnostics()) {
      out.add(new Finding(d.location().file(), d.location().line(), d.location().column(), Finding.Severity.ERROR,
          (d.field().isEmpty() ? "" : d.field() + ": ") + d.message()));
    }
    if (read.handlers().isEmpty()) {
      return out;
    }
    HandlerSource h = read.handlers().get(0);
    out.addAll(new SourceScan(h.file(), h.script()).findings());
    Actions actions = new Actions(() -> null);
    ScriptLoad load = HandlerScript.load(sandbox, h.file(), h.script(), SandboxLimits.DEFAULT, actions.globals(),
        Prelude.source(h.params()));
    switch (load) {
      case ScriptLoad.Failed f -> out.add(finding(f.failure()));
      case ScriptLoad.Loaded l -> {
        try (HandlerScript s = l.script()) {
          lifecycle(s, h.file(), out);
        }
      }
    }
    out.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line).thenComparingInt(Finding::column));
    return out;
  }

  private static void lifecycle(HandlerScript s, String file, List<Finding> out) {
    expectFunction(s, file, "exception", 1, "(net)", out);
    expectFunction(s, file, "fire", 2, "(net, host)", out);
  }

  private static void expectFunction(HandlerScript s, String file, String name, int params, String shape,
      List<Finding> out) {
    Optional<Value> f = s.function(name);
    if (f.isEmpty()) {
      out.add(new Finding(file, 0, 0, Finding.Severity.ERROR, "expected a function " + name + shape + ", got none"));
      return;
    }
    CallResult len = s.call("length of " + name, lengthOf(s), f.get());
    if (len instanceof CallResult.Returned r && r.value().fitsInInt() && r.value().asInt() > params) {
      out.add(new Finding(file, 0, 0, Finding.Severity.WARNING, name + ": expected at most " + params
          + " parameter(s) " + shape + ", got " + r.value().asInt()));
    }
  }

  private static Value lengthOf(HandlerScript s) {
    return s.preludeResult().getContext().eval("js", "(f) => f.length");
  }

  private static Finding finding(HandlerFailure f) {
    return new Finding(f.handler(), f.line(), f.column(), Finding.Severity.ERROR, f.kind() + ": " + f.message());
  }

  /** True if any finding is an error. */
  public static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(x -> x.severity() == Finding.Severity.ERROR);
  }
}
