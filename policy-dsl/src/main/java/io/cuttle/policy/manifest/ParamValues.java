package io.cuttle.policy.manifest;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import java.util.Optional;

/** Reads a parameter value of a given type from YAML, recording "expected X, got Y" diagnostics. */
final class ParamValues {
  private ParamValues() {}

  static Optional<Object> read(ConfigNode node, ParamType type, Diagnostics d) {
    if (node.isMissing()) {
      return Optional.empty();
    }
    return switch (type) {
      case STRINGS -> node.isList() ? Optional.of((Object) node.strings(d)) : fail(node, type, d);
      case STRING -> node.isList() || node.isMap() ? fail(node, type, d) : Optional.of(node.string(d, ""));
      case BOOLEAN -> {
        Diagnostics local = new Diagnostics();
        boolean v = node.bool(local, false);
        yield local.hasErrors() ? fail(node, type, d) : Optional.of(v);
      }
      default -> {
        if (node.isList() || node.isMap()) {
          yield fail(node, type, d);
        }
        Optional<Double> v = type.parseNumber(node.string(d, ""));
        yield v.isPresent() ? Optional.of((Object) v.get()) : fail(node, type, d);
      }
    };
  }

  private static Optional<Object> fail(ConfigNode node, ParamType type, Diagnostics d) {
    d.expected(node, type.expected());
    return Optional.empty();
  }
}
