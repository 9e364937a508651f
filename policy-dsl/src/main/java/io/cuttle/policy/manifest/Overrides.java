package io.cuttle.policy.manifest;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Diagnostics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Per-deployment settings of handlers, read from a YAML file (conventionally {@code handlers.yaml}
 * in the handler directory):
 * <pre>
 * upstream-smoothing:
 *   enabled: true
 *   priority: 20
 *   params: {threshold: 200Mbit/s, sites: [Cambridge, Redmond]}
 * </pre>
 * Values are checked against each handler's manifest when it is loaded.
 */
public final class Overrides {
  /** One handler's overrides; params hold raw YAML nodes until checked against the manifest. */
  public record HandlerOverride(boolean enabled, OptionalInt priority, Map<String, ConfigNode> params) {
    public static final HandlerOverride NONE = new HandlerOverride(true, OptionalInt.empty(), Map.of());
  }

  public static final Overrides NONE = new Overrides(Map.of());
  private static final Set<String> KEYS = Set.of("enabled", "priority", "params");

  private final Map<String, HandlerOverride> byHandler;

  private Overrides(Map<String, HandlerOverride> byHandler) {
    this.byHandler = Map.copyOf(byHandler);
  }

  /** Reads an overrides file; diagnostics on any problem. */
  public static Result read(String file, String text) {
    ConfigNode root;
    try {
      root = ConfigNode.parse(file, text);
    } catch (ConfigException e) {
      return new Result.Invalid(e.diagnostics());
    }
    Diagnostics d = new Diagnostics();
    Map<String, HandlerOverride> out = new LinkedHashMap<>();
    root.entries(d).forEach((name, n) -> {
      n.allowOnly(d, KEYS);
      boolean enabled = n.get("enabled").bool(d, true);
      OptionalInt priority = n.has("priority") ? OptionalInt.of(n.get("priority").intIn(d, -1000, 1000, 0))
          : OptionalInt.empty();
      out.put(name, new HandlerOverride(enabled, priority, n.get("params").entries(d)));
    });
    return d.hasErrors() ? new Result.Invalid(ManifestReader.sorted(d)) : new Result.Valid(new Overrides(out));
  }

  public HandlerOverride of(String handler) {
    return byHandler.getOrDefault(handler, HandlerOverride.NONE);
  }

  /**
   * Checks one handler's parameter overrides against its manifest: unknown names and values of
   * the wrong type become diagnostics; the rest are returned as values.
   */
  public static Map<String, Object> check(Manifest m, HandlerOverride o, Diagnostics d) {
    Map<String, Object> values = new LinkedHashMap<>();
    o.params().forEach((name, node) -> {
      Optional<ParamSpec> spec = m.param(name);
      if (spec.isEmpty()) {
        d.error(node, "unknown parameter '" + name + "' of handler " + m.name() + "; expected one of "
            + m.params().stream().map(ParamSpec::name).toList());
        return;
      }
      ParamValues.read(node, spec.get().type(), d).ifPresent(v -> values.put(name, v));
    });
    return values;
  }

  /** The outcome of reading overrides. */
  public sealed interface Result {
    record Valid(Overrides overrides) implements Result {}

    record Invalid(List<Diagnostic> diagnostics) implements Result {}
  }
}
