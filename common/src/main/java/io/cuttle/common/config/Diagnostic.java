package io.cuttle.common.config;

/**
 * One problem found in a configuration file: where, which field (a path such as
 * {@code links[3].cost}), and a message that says what was expected and what was found.
 */
public record Diagnostic(Location location, String field, String message) {
  @Override
  public String toString() {
    return location + ": " + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
