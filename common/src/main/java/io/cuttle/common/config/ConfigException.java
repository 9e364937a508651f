package io.cuttle.common.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration file was rejected; carries every problem found, not just the first. */
public final class ConfigException extends Exception {
  private final List<Diagnostic> diagnostics;

  public ConfigException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
