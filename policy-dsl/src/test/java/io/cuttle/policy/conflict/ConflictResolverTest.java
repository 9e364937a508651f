package io.cuttle.policy.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.enforce.ActionKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConflictResolverTest {
  @Test
  void lowestLimitWinsPerDirectionAndBlockAndHighestPriorityMark() {
    Resolution r = ConflictResolver.resolve(List.of(
        new Claim("a", 0, "x", ActionKind.LIMIT_UP, 5_000_000),
        new Claim("b", 9, "x", ActionKind.LIMIT_UP, 7_000_000),
        new Claim("b", 9, "x", ActionKind.LIMIT_DOWN, 1_000_000),
        new Claim("c", 1, "x", ActionKind.MARK, 10),
        new Claim("d", 5, "x", ActionKind.MARK, 46),
        new Claim("e", 0, "y", ActionKind.BLOCK, 1)));
    assertThat(r.desired().of("x").orElseThrow().maxUpBps()).hasValue(5_000_000);
    assertThat(r.desired().of("x").orElseThrow().maxDownBps()).hasValue(1_000_000);
    assertThat(r.desired().of("x").orElseThrow().dscp()).hasValue(46);
    assertThat(r.desired().of("y").orElseThrow().blocked()).isTrue();
    assertThat(r.owners()).extracting(Ownership::app, Ownership::kind, Ownership::owner).containsExactly(
        org.assertj.core.groups.Tuple.tuple("x", ActionKind.LIMIT_UP, "a"),
        org.assertj.core.groups.Tuple.tuple("x", ActionKind.LIMIT_DOWN, "b"),
        org.assertj.core.groups.Tuple.tuple("x", ActionKind.MARK, "d"),
        org.assertj.core.groups.Tuple.tuple("y", ActionKind.BLOCK, "e"));
  }

  @Test
  void tiesGoToPriorityThenNameWhateverTheOrder() {
    List<Claim> claims = new ArrayList<>(List.of(
        new Claim("zeta", 3, "x", ActionKind.LIMIT_UP, 1000),
        new Claim("alpha", 3, "x", ActionKind.LIMIT_UP, 1000),
        new Claim("omega", 8, "x", ActionKind.LIMIT_UP, 1000),
        new Claim("beta", 1, "x", ActionKind.BLOCK, 1),
        new Claim("gamma", 1, "x", ActionKind.BLOCK, 1)));
    Random rnd = new Random(4);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(claims, rnd);
      Resolution r = ConflictResolver.resolve(claims);
      assertThat(r.owners()).extracting(Ownership::owner).containsExactly("omega", "beta");
    }
  }
}
