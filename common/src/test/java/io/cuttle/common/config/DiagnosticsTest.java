package io.cuttle.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class DiagnosticsTest {
  @Test
  void fileOrderSortsByLineThenColumn() throws ConfigException {
    ConfigNode root = ConfigNode.parse("c.yaml", "a: 1\nb: {x: 1, y: 2}\n");
    Diagnostics d = new Diagnostics();
    d.error(root.get("b").get("y"), "third");
    d.error(root.get("a"), "first");
    d.error(root.get("b").get("x"), "second");
    ConfigException e = catchThrowableOfType(ConfigException.class, d::throwIfAnyInFileOrder);
    assertThat(e.diagnostics()).extracting(Diagnostic::message).containsExactly("first", "second", "third");
  }

  @Test
  void nothingRecordedThrowsNothing() throws ConfigException {
    new Diagnostics().throwIfAnyInFileOrder();
  }
}
