package io.cuttle.policy.manifest;

import io.cuttle.policy.triggers.TriggerPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler declares about itself: name, description, priority (higher wins ties between
 * handlers' equal restrictions), parameters and triggers.
 */
public record Manifest(String name, String description, int priority, List<ParamSpec> params,
    TriggerPolicy triggers) {
  public Manifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    params = List.copyOf(params);
    Objects.requireNonNull(triggers, "triggers");
  }

  /** The manifest of a handler that has none: no parameters, priority 0, default triggers. */
  public static Manifest bare(String name) {
    return new Manifest(name, "", 0, List.of(), TriggerPolicy.DEFAULT);
  }

  /** Parameter values: defaults, replaced by {@code overrides} where given. */
  public Map<String, Object> values(Map<String, Object> overrides) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach(p -> out.put(p.name(), overrides.getOrDefault(p.name(), p.defaultValue())));
    return out;
  }

  public java.util.Optional<ParamSpec> param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
