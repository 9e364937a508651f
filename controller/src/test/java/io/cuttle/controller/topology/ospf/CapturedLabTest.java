package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.PrefixSpec;
import io.cuttle.controller.topology.ospf.snapshot.VtyshLsdbParser;
import io.cuttle.netstate.model.Prefix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The graph built from an LSDB FRR printed in the lab (captured vtysh JSON, see lab/ospf-lab.sh),
 * and the SPF computed on it against the route tables the lab's routers printed at the same time.
 * The live lab test repeats this against running routers; this one runs anywhere.
 */
class CapturedLabTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String resource(String name) throws IOException {
    try (InputStream in = CapturedLabTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static TopologySpec spec() throws Exception {
    AreaGraph g = AreaGraphBuilder.build(VtyshLsdbParser.parse("lab-lsdb.json", resource("lab-lsdb.json")));
    assertThat(g.spec().problems()).isEmpty();
    return g.spec();
  }

  @Test
  void buildsRoutersNetworksAndLinksOfBothAreas() throws Exception {
    TopologySpec s = spec();
    assertThat(s.routers()).extracting(TopologySpec.RouterSpec::name)
        .containsExactly("10.255.0.1", "10.255.0.2", "10.255.0.3", "10.255.0.4", "10.255.0.5", "10.255.0.254");
    assertThat(s.routers().get(1).areas()).containsExactly("0.0.0.0", "0.0.0.1");
    assertThat(s.networks()).singleElement().satisfies(n -> {
      assertThat(n.name()).isEqualTo("net:10.0.100.5");
      assertThat(n.prefix()).isEqualTo(Prefix.parse("10.0.100.0/24"));
    });
    assertThat(s.links()).extracting(LinkSpec::name).containsExactlyInAnyOrder(
        "10.255.0.1~10.255.0.2@10.0.12.1", "10.255.0.2~10.255.0.3@10.0.23.1", "10.255.0.2~10.255.0.4@10.1.24.1",
        "10.255.0.4~10.255.0.254@10.1.44.1", "10.255.0.1~net:10.0.100.5", "10.255.0.3~net:10.0.100.5",
        "10.255.0.5~net:10.0.100.5", "10.255.0.254~net:10.0.100.5");
    LinkSpec r4lst = s.links().stream().filter(l -> l.name().startsWith("10.255.0.4~10.255.0.254")).findFirst()
        .orElseThrow();
    assertThat(r4lst.costAb()).isEqualTo(10);
    assertThat(r4lst.costBa()).as("the listener's max-metric direction").isEqualTo(65535);
    LinkSpec r1lan = s.links().stream().filter(l -> l.name().equals("10.255.0.1~net:10.0.100.5")).findFirst()
        .orElseThrow();
    assertThat(List.of(r1lan.costAb(), r1lan.costBa())).containsExactly(20, 0);
  }

  @Test
  void stubsSummariesAndExternalsBecomePrefixes() throws Exception {
    TopologySpec s = spec();
    assertThat(s.prefixes()).contains(
        new PrefixSpec(Prefix.parse("10.3.0.0/24"), "10.255.0.3", 10, "0.0.0.0"),
        new PrefixSpec(Prefix.parse("10.5.0.0/24"), "10.255.0.5", 10, "0.0.0.0"),
        new PrefixSpec(Prefix.parse("10.4.0.0/24"), "10.255.0.4", 10, "0.0.0.1"),
        new PrefixSpec(Prefix.parse("198.51.100.0/24"), "10.255.0.1", 20, AreaGraphBuilder.EXTERNAL_AREA));
    assertThat(s.prefixes()).as("summaries of prefixes an area in the database announces are redundant")
        .noneMatch(p -> p.prefix().equals(Prefix.parse("10.4.0.0/24")) && !p.router().equals("10.255.0.4"));
    assertThat(s.prefixes()).as("the stub router's (listener's) own stubs cost 65535")
        .contains(new PrefixSpec(Prefix.parse("10.1.44.0/30"), "10.255.0.254", 65535, "0.0.0.1"));
  }

  @Test
  void areasTheListenerDoesNotSeeAreReachedThroughTheAbrsSummaries() throws Exception {
    List<LsdbEntry> backboneOnly = VtyshLsdbParser.parse("lab-lsdb.json", resource("lab-lsdb.json")).stream()
        .filter(e -> e.area() == 0).toList();
    TopologySpec s = AreaGraphBuilder.build(backboneOnly).spec();
    assertThat(s.problems()).isEmpty();
    assertThat(s.routers()).extracting(TopologySpec.RouterSpec::name).doesNotContain("10.255.0.4");
    assertThat(s.prefixes()).contains(
        new PrefixSpec(Prefix.parse("10.4.0.0/24"), "10.255.0.2", 20, "0.0.0.0"),
        new PrefixSpec(Prefix.parse("10.1.24.0/30"), "10.255.0.2", 10, "0.0.0.0"));
    JsonNode frr = JSON.readTree(resource("lab-routes-r1.json"));
    OspfRoutes.Route viaAbr = Specs.routes(s).routesOf("10.255.0.1").get(Prefix.parse("10.4.0.0/24"));
    assertThat(viaAbr.cost()).isEqualTo(frr.path("10.4.0.0/24").path("cost").asLong());
    assertThat(viaAbr.nextHops()).containsExactly("10.0.12.2");
  }

  @Test
  void interfaceAddressesMapOntoLinks() throws Exception {
    TopologySpec s = spec();
    assertThat(s.interfaces().get(Prefix.parseAddress("10.0.12.2")))
        .isEqualTo(new TopologySpec.InterfaceSpec("10.255.0.1~10.255.0.2@10.0.12.1", "10.255.0.2"));
    assertThat(s.interfaces().get(Prefix.parseAddress("10.0.100.5")))
        .isEqualTo(new TopologySpec.InterfaceSpec("10.255.0.5~net:10.0.100.5", "10.255.0.5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"r1", "r2", "r3", "r4"})
  void spfMatchesTheRoutersOwnTables(String router) throws Exception {
    JsonNode frr = JSON.readTree(resource("lab-routes-" + router + ".json"));
    String name = "10.255.0." + router.substring(1);
    assertThat(frr.size()).isGreaterThan(8);
    assertThat(RouteTableComparison.compare(name, frr, spec())).isEmpty();
  }
}
