package io.cuttle.netstate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.netstate.model.Prefix;
import org.junit.jupiter.api.Test;

class PrefixTest {
  @Test
  void parsesAndContains() {
    Prefix p = Prefix.parse("10.1.0.0/16");
    assertThat(p.contains(Prefix.parseAddress("10.1.200.3"))).isTrue();
    assertThat(p.contains(Prefix.parseAddress("10.2.0.1"))).isFalse();
    assertThat(p.contains(Prefix.parse("10.1.4.0/24"))).isTrue();
    assertThat(Prefix.parse("10.1.4.0/24").contains(p)).isFalse();
    assertThat(Prefix.parse("2001:db8::/32").contains(Prefix.parseAddress("2001:db8:1::9"))).isTrue();
    assertThat(Prefix.parse("192.0.2.7")).hasToString("192.0.2.7/32");
  }

  @Test
  void badInputSaysWhatWasExpected() {
    assertThatThrownBy(() -> Prefix.parse("10.1.0.1/16")).hasMessageContaining("host bits set")
        .hasMessageContaining("expected 10.1.0.0/16");
    assertThatThrownBy(() -> Prefix.parse("10.1.0.0/33")).hasMessageContaining("0..32, got 33");
    assertThatThrownBy(() -> Prefix.parse("10.300.0.0/16")).hasMessageContaining("parts 0..255");
    assertThatThrownBy(() -> Prefix.parse("ten/8")).hasMessageContaining("got 'ten/8'");
    assertThatThrownBy(() -> Prefix.parse("10.0.0.0/x")).hasMessageContaining("is not a number");
  }
}
