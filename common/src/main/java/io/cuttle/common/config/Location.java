package io.cuttle.common.config;

/** A place in a configuration file; line and column are 1-based. */
public record Location(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
