package io.cuttle.policy.engine;

import io.cuttle.policy.manifest.Manifest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A handler ready to load: its name, file name (for messages), script, manifest, effective
 * parameter values and priority (the manifest's unless a deployment overrides it).
 */
public record HandlerSource(String name, String file, String script, Manifest manifest, Map<String, Object> params,
    int priority) {
  public HandlerSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(manifest, "manifest");
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A handler with its manifest's defaults. */
  public static HandlerSource of(String file, String script, Manifest manifest) {
    return new HandlerSource(manifest.name(), file, script, manifest, manifest.values(Map.of()), manifest.priority());
  }
}
