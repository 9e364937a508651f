package io.cuttle.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.ControllerConfig;
import io.cuttle.controller.ControllerConfigParser;
import io.cuttle.controller.annotation.SiteRule;
import io.cuttle.controller.annotation.StaticAnnotations;
import java.util.List;
import org.junit.jupiter.api.Test;

class WanLabYamlTest {
  @Test
  void theLabsLabelsAndSitesParseAfterOtherAnnotationKeys() throws Exception {
    ControllerConfig c = ControllerConfigParser.parse("c.yaml", """
        topology: {source: ospf, api: 127.0.0.1:2607}
        annotations:
          interval: 1s
        """ + WanLab.labelsAndSitesYaml(List.of(WanLab.BRANCH_PREFIX, WanLab.BRANCH2_PREFIX)));

    StaticAnnotations statics = c.annotations().orElseThrow().statics();
    assertThat(statics.links()).hasSize(2).allSatisfy(l -> assertThat(l.labels()).containsExactly("backup"));
    assertThat(statics.sites()).extracting(SiteRule::name).containsExactly("branch", "dc");
    assertThat(statics.sites().get(0).prefixes()).extracting(Object::toString)
        .containsExactlyInAnyOrder("10.207.2.0/24", "10.207.3.0/24");
    assertThat(statics.sites().get(0).uplinks()).hasSize(1);
    assertThat(statics.sites().get(1).prefixes()).extracting(Object::toString).containsExactly("10.207.9.0/24");
  }
}
