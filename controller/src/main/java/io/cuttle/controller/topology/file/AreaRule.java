package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.controller.topology.file.Declarations.DeclaredNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The area of a link or stub prefix. A written area must be an area of every node it touches.
 * An omitted area is the one area those nodes share; when they share several, the backbone
 * {@code 0.0.0.0} if it is among them; otherwise the file must say which.
 */
final class AreaRule {
  private AreaRule() {}

  /**
   * @param at    the {@code area} field (possibly missing, then located at its entry)
   * @param nodes the declared nodes the entity touches; unknown ones are left out
   */
  static String resolve(ConfigNode at, Diagnostics d, List<DeclaredNode> nodes) {
    if (!at.isMissing()) {
      String area = Values.area(at, d).orElse(Values.BACKBONE);
      for (DeclaredNode n : nodes) {
        if (!n.areas().contains(area)) {
          d.error(at, "expected an area of " + describe(n) + ", got '" + area + "'");
        }
      }
      return area;
    }
    if (nodes.isEmpty()) {
      return Values.BACKBONE;
    }
    Set<String> shared = new TreeSet<>(nodes.get(0).areas());
    nodes.forEach(n -> shared.retainAll(n.areas()));
    if (shared.size() == 1) {
      return shared.iterator().next();
    }
    if (shared.contains(Values.BACKBONE)) {
      return Values.BACKBONE;
    }
    String all = nodes.stream().map(AreaRule::describe).collect(Collectors.joining(" and "));
    if (shared.isEmpty()) {
      d.error(at, "expected an area shared by " + all + ", got none in common");
    } else {
      d.error(at, "expected an explicit area (one of " + shared + "), got nothing; " + all
          + " share several areas but not the backbone");
    }
    return Values.BACKBONE;
  }

  private static String describe(DeclaredNode n) {
    return n.kind().text + " '" + n.name() + "' " + n.areas();
  }
}
