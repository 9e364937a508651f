package io.cuttle.common.config;

import java.util.ArrayList;
import java.util.Comparator;
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

  /**
   * Throws if any problem was recorded, listing problems by line and column rather than in the
   * order they were found (a parser that checks references section by section finds them out of order).
   */
  public void throwIfAnyInFileOrder() throws ConfigException {
    if (!list.isEmpty()) {
      throw new ConfigException(list.stream().sorted(Comparator
          .comparingInt((Diagnostic x) -> x.location().line())
          .thenComparingInt(x -> x.location().column())).toList());
    }
  }

  /** Throws if any problem was recorded. */
  public void throwIfAny() throws ConfigException {
    if (!list.isEmpty()) {
      throw new ConfigException(list);
    }
  }
}
