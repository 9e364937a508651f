package io.cuttle.daemon.admin;

import static io.cuttle.daemon.fake.TestStates.office;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import org.junit.jupiter.api.Test;

class StateTextTest {

  @Test
  void rendersHeaderAndDaemonLine() {
    String text = StateText.render(StateView.of("web-1", office(), StateViewTest.backingOff()));

    assertThat(text.lines().toList()).startsWith(
        "state    lineage 0000000000c0ffee (epoch 2026-01-01T00:00:00Z)  version 5  committed 2026-01-01T00:00:05Z",
        "daemon   web-1 <- 10.0.0.9:7420  BACKING_OFF  staleness 2.5s",
        "         error: failed: UNAVAILABLE: io exception");
  }

  @Test
  void rendersAlignedTablesPerSection() {
    String text = StateText.render(office());

    assertThat(text).contains("""

        links (4)
          ID  NAME    A    B    STATE  COST A>B  COST B>A  AREA
          10  r1-r2   r1   r2   UP     10        10        0
          11  r2-isp  r2   isp  UP     5         7         0
          12  lan-r1  lan  r1   UP     0         1         0
          13  lan-r2  lan  r2   UP     0         1         0
        """);
    assertThat(text).contains("""
        sites (1)
          NAME  PREFIXES     UPLINKS UP  UPSTREAM  DOWNSTREAM  CAPACITY  UP UTIL
          hq    10.1.0.0/16  1/1         120M      80M         1.0G      12%
        """);
    assertThat(text).contains("""
        annotations (1)
          LINK    CAPACITY  LOAD A>B  LOAD B>A  COST/GB  LABELS   MEASURED
          r2-isp  1.0G      120M      80M       0.0250   metered  2026-01-01T00:00:05Z
        """);
    assertThat(text).contains("routers (3)", "networks (1)", "prefixes (1)");
    assertThat(text).doesNotContain("daemon ");
  }

  @Test
  void emptyStateSaysSoAndListsNoSections() {
    String text = StateText.render(NetworkState.empty(Lineage.NONE));

    assertThat(text).contains("no state yet").doesNotContain("routers");
  }

  @Test
  void ratesUseSiSuffixes() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertThat(StateText.rate(f.numberNode(950))).isEqualTo("950");
    assertThat(StateText.rate(f.numberNode(1_234))).isEqualTo("1.2k");
    assertThat(StateText.rate(f.numberNode(120_000_000))).isEqualTo("120M");
    assertThat(StateText.rate(f.numberNode(10_000_000_000L))).isEqualTo("10G");
    assertThat(StateText.rate(f.missingNode())).isEqualTo("-");
  }
}
