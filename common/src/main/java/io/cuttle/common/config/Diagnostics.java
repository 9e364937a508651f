package io.cuttle.common.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one configuration file while it is read. */
public final class Diagnostics {
  private final List<Diagnostic> list = new ArrayList<>();

  public void error(ConfigNode at, String message) {
    list.add(new Diagnostic(at.location(), at.path(), message));
  }

  /** "expected X, got Y" for the value at {@code at}. */
  public void expected(ConfigNode at, String expected) {
    error(at, "expected " + expected + ", got " + at.describe());
  }

  public boolean hasErrors() {
    return !list.isEmpty();
  }

  public List<Diagnostic> all() {
    return List.copyOf(list);
  }

  /** Throws if any problem was recorded. */
  public void throwIfAny() throws ConfigException {
    if (!list.isEmpty()) {
      throw new ConfigException(list);
    }
  }
}
