package io.cuttle.policy.manifest;

import java.util.Objects;

/**
 * One declared parameter: its type, its default (a {@code Double}, {@code String},
 * {@code Boolean} or {@code List<String>}) and what it means.
 */
public record ParamSpec(String name, ParamType type, Object defaultValue, String description) {
  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
  }
}
