package io.cuttle.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DesiredStateTest {
  @Test
  void combiningKeepsTheStrictestLimitPerAppAndDirection() {
    DesiredState d = DesiredState.combining(List.of(
        AppRestriction.of("backup").withMaxUp(5_000_000),
        AppRestriction.of("backup").withMaxUp(1_000_000).withMaxDown(9_000_000),
        AppRestriction.of("sync").withBlock(),
        AppRestriction.of("web")));
    assertThat(d.byApp().keySet()).containsExactly("backup", "sync"); // an empty restriction is dropped
    assertThat(d.of("backup").orElseThrow().maxUpBps()).isEqualTo(OptionalLong.of(1_000_000));
    assertThat(d.of("backup").orElseThrow().maxDownBps()).isEqualTo(OptionalLong.of(9_000_000));
    assertThat(d.of("sync").orElseThrow().blocked()).isTrue();
  }

  @Test
  void badValuesAreRejectedWithWhatWasExpected() {
    assertThatThrownBy(() -> AppRestriction.of("x").withMaxUp(0))
        .hasMessage("x: maxUp: expected a rate > 0 bit/s, got 0");
    assertThatThrownBy(() -> AppRestriction.of("x").withDscp(64)).hasMessage("x: dscp: expected 0..63, got 64");
    assertThatThrownBy(() -> new DesiredState(Map.of("a", AppRestriction.of("b").withBlock())))
        .hasMessage("key 'a' holds a restriction of app 'b'");
  }
}
