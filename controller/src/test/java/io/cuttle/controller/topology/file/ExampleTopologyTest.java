package io.cuttle.controller.topology.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.RouterSpec;
import io.cuttle.controller.topology.TopologySpec.UplinkSpec;
import io.cuttle.netstate.model.LinkAnnotation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The embedded example parses cleanly and shows what the demo needs to show. */
class ExampleTopologyTest {
  private final TopologySpec spec = ExampleTopology.spec();

  @Test
  void parsesCleanly() {
    assertThat(spec.problems()).isEmpty();
    assertThat(spec.routers()).hasSize(6);
  }

  @Test
  void campusCoreLanHasThreeRouters() {
    assertThat(spec.networks()).singleElement().satisfies(n -> assertThat(n.name()).isEqualTo("campus-core"));
    assertThat(spec.links()).filteredOn(l -> l.b().equals("campus-core"))
        .extracting(LinkSpec::a).containsExactlyInAnyOrder("core1", "core2", "abr1");
  }

  @Test
  void twoAreasJoinedByAnAbr() {
    Map<String, RouterSpec> routers = spec.routers().stream()
        .collect(Collectors.toMap(RouterSpec::name, r -> r));
    assertThat(routers.get("abr1").areas()).containsExactly("0.0.0.0", "0.0.0.1");
    assertThat(spec.links()).filteredOn(l -> l.name().equals("abr1-access1"))
        .extracting(LinkSpec::area).containsExactly("0.0.0.1");
  }

  @Test
  void bothSitesHaveAnnotatedWanUplinks() {
    assertThat(spec.sites()).extracting(s -> s.name()).containsExactly("campus", "branch");
    List<String> uplinks = spec.sites().stream().flatMap(s -> s.uplinks().stream()).map(UplinkSpec::link).toList();
    assertThat(uplinks).containsExactly("campus-wan1", "campus-wan2", "branch-mpls", "branch-lte");
    for (String link : uplinks) {
      LinkAnnotation a = spec.annotations().get(link);
      assertThat(a.capacityBps()).as(link).isPresent();
      assertThat(a.loadAbBps()).as(link).isPresent();
      assertThat(a.loadBaBps()).as(link).isPresent();
    }
  }

  @Test
  void meteredLinkHasAMonetaryCostAndABackupIsLabelled() {
    LinkAnnotation lte = spec.annotations().get("branch-lte");
    assertThat(lte.labels()).contains("metered");
    assertThat(lte.costMicros()).hasValue(850_000L);
    assertThat(spec.annotations().get("campus-wan2").labels()).containsExactly("backup");
  }

  @Test
  void hostPrefixesAreTenDotPrefixesInsideTheirSites() {
    assertThat(spec.prefixes()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(spec.prefixes()).allSatisfy(p -> {
      assertThat(p.prefix().toString()).startsWith("10.");
      assertThat(spec.sites()).anySatisfy(s ->
          assertThat(s.prefixes()).anySatisfy(sp -> assertThat(sp.contains(p.prefix())).isTrue()));
    });
  }

  @Test
  void providerDeliversTheExampleOnStart() {
    RecordingListener listener = new RecordingListener();
    try (TopologyProvider provider = ExampleTopology.provider()) {
      provider.start(listener);
      assertThat(provider.name()).isEqualTo("example");
    }
    assertThat(listener.specs()).containsExactly(spec);
    assertThat(listener.rejections()).isEmpty();
  }
}
