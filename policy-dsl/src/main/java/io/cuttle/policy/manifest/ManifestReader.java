package io.cuttle.policy.manifest;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.policy.triggers.TriggerPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a manifest:
 * <pre>
 * name: upstream-smoothing          # defaults to the file name
 * description: Rate-limit low-priority apps while a site's upstream is busy
 * priority: 10
 * params:
 *   sites:     {type: strings, default: [Cambridge], description: sites to watch}
 *   threshold: {type: rate, default: 100Mbit/s}
 * triggers: {tick: 10s, splay: 2s, debounce: 1, holdDown: 0s}
 * </pre>
 */
public final class ManifestReader {
  private static final Set<String> TOP = Set.of("name", "description", "priority", "params", "triggers");
  private static final Set<String> PARAM = Set.of("type", "default", "description", "unit");
  private static final Set<String> TRIGGERS = Set.of("tick", "splay", "debounce", "holdDown");

  private ManifestReader() {}

  /** The outcome of reading a manifest. */
  public sealed interface Result {
    record Read(Manifest manifest) implements Result {}

    record Invalid(List<Diagnostic> diagnostics) implements Result {}
  }

  public static Result read(String file, String text, String defaultName) {
    ConfigNode root;
    try {
      root = ConfigNode.parse(file, text);
    } catch (ConfigException e) {
      return new Result.Invalid(e.diagnostics());
    }
    Diagnostics d = new Diagnostics();
    root.allowOnly(d, TOP);
    String name = root.get("name").string(d, defaultName);
    String description = root.get("description").string(d, "");
    int priority = root.get("priority").intIn(d, -1000, 1000, 0);
    List<ParamSpec> params = new ArrayList<>();
    root.get("params").entries(d).forEach((k, v) -> param(k, v, d).ifPresent(params::add));
    TriggerPolicy triggers = triggers(root.get("triggers"), d);
    if (d.hasErrors()) {
      return new Result.Invalid(sorted(d));
    }
    return new Result.Read(new Manifest(name, description, priority, params, triggers));
  }

  private static Optional<ParamSpec> param(String name, ConfigNode n, Diagnostics d) {
    n.allowOnly(d, PARAM);
    if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
      d.error(n, "expected a parameter name usable in JavaScript (letters, digits, _), got '" + name + "'");
      return Optional.empty();
    }
    String typeText = n.get("type").require(d, "a type").string(d, "");
    ParamType type;
    try {
      type = ParamType.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      if (!typeText.isEmpty()) {
        d.expected(n.get("type"), "one of number, rate, bytes, duration, fraction, string, strings, boolean");
      }
      return Optional.empty();
    }
    Optional<Object> dflt = ParamValues.read(n.get("default").require(d, type.expected()), type, d);
    String description = n.get("description").string(d, "");
    return dflt.map(v -> new ParamSpec(name, type, v, description));
  }

  private static TriggerPolicy triggers(ConfigNode n, Diagnostics d) {
    n.allowOnly(d, TRIGGERS);
    TriggerPolicy def = TriggerPolicy.DEFAULT;
    Duration tick = n.get("tick").duration(d, Duration.ZERO, def.tick());
    Duration splay = n.get("splay").duration(d, Duration.ZERO, def.splay());
    int debounce = n.get("debounce").intIn(d, 1, 1000, def.debounce());
    Duration holdDown = n.get("holdDown").duration(d, Duration.ZERO, def.holdDown());
    return new TriggerPolicy(tick, splay, debounce, holdDown);
  }

  static List<Diagnostic> sorted(Diagnostics d) {
    return d.all().stream().sorted(java.util.Comparator.comparingInt((Diagnostic x) -> x.location().line())
        .thenComparingInt(x -> x.location().column())).toList();
  }
}
