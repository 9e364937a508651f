package io.cuttle.policy.check;

import java.util.Objects;

/** One problem found by the checker. Line and column are 1-based (0 when the whole file is meant). */
public record Finding(String file, int line, int column, Severity severity, String message) {
  public enum Severity {
    ERROR,
    WARNING
  }

  public Finding {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase() + ": " + message;
  }
}
