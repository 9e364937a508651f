package io.cuttle.policy.manifest;

import java.util.Optional;

/** The type of a handler parameter and the unit its value is given to the script in. */
public enum ParamType {
  /** A plain number. */
  NUMBER("a number", "", ParamType::number),
  /** A rate, given to the script in bit/s ({@code 100Mbit/s} in YAML). */
  RATE("a rate such as 100Mbit/s", "bit/s", Units::rate),
  /** A size, given in bytes ({@code 100MB}). */
  BYTES("a size such as 100MB", "bytes", Units::bytes),
  /** A duration, given in seconds ({@code 30s}). */
  DURATION("a duration such as 30s", "s", Units::seconds),
  /** A fraction 0..1, e.g. a utilisation ({@code 0.8} or {@code 80%}). */
  FRACTION("a fraction 0..1 or a percentage", "", ParamType::fraction),
  STRING("a string", "", s -> Optional.empty()),
  STRINGS("a list of strings", "", s -> Optional.empty()),
  BOOLEAN("true or false", "", s -> Optional.empty());

  private final String expected;
  private final String unit;
  private final java.util.function.Function<String, Optional<Double>> parser;

  ParamType(String expected, String unit, java.util.function.Function<String, Optional<Double>> parser) {
    this.expected = expected;
    this.unit = unit;
    this.parser = parser;
  }

  /** What a value of this type looks like, for "expected X" messages. */
  public String expected() {
    return expected;
  }

  /** The unit of the value the script sees ({@code bit/s}, {@code bytes}, {@code s}) or "". */
  public String unit() {
    return unit;
  }

  /** The numeric value of {@code text} for the numeric types. */
  public Optional<Double> parseNumber(String text) {
    return parser.apply(text);
  }

  public boolean isNumeric() {
    return this != STRING && this != STRINGS && this != BOOLEAN;
  }

  private static Optional<Double> number(String s) {
    try {
      double v = Double.parseDouble(s.trim());
      return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Double> fraction(String s) {
    String t = s.trim();
    Optional<Double> v = t.endsWith("%") ? number(t.substring(0, t.length() - 1)).map(x -> x / 100) : number(t);
    return v.filter(x -> x >= 0 && x <= 1);
  }
}
