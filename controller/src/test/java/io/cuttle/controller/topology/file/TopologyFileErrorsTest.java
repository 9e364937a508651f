package io.cuttle.controller.topology.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input is reported with the line of the offending entry, its field path and
 * what was expected and found. Each case prepends {@link #HEADER} (lines 1-9), so the case's
 * first line is line 10.
 */
class TopologyFileErrorsTest {
  private static final String HEADER = """
      routers:
        - name: r1
          router-id: 10.0.0.1
        - name: r2
          router-id: 10.0.0.2
          areas: [0.0.0.0, 0.0.0.1]
      networks:
        - name: lan
          prefix: 10.9.0.0/24
      """;

  /** The problems of HEADER + {@code body}; fails if the file is accepted. */
  private static List<Diagnostic> problems(String body) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> TopologyFileParser.parse("t.yaml", HEADER + body));
    assertThat(e).as("the file should be rejected:\n" + HEADER + body).isNotNull();
    // Every problem must be caught with a line by the readers, not by the safety net.
    assertThat(e.diagnostics()).noneMatch(x -> x.message().startsWith("inconsistent topology"));
    return e.diagnostics();
  }

  private static void assertOnly(String body, String expected) {
    assertThat(problems(body)).extracting(Diagnostic::toString).containsExactly(expected);
  }

  @Test
  void unknownFieldIsATypo() {
    assertOnly("""
        links:
          - {name: l1, a: r1, b: r2, cots: 5, cost: 1}
        """, "t.yaml:11:36: links[0].cots: unknown field 'cots'; expected one of [a, area, b, cost, name, state]");
    assertThat(problems("rooters: []\n")).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:10:10: rooters: unknown field 'rooters'; expected one of "
            + "[annotations, links, networks, prefixes, routers, sites]");
  }

  @Test
  void unknownNodeInALink() {
    assertOnly("""
        links:
          - name: l1
            a: r1
            b: r9
            cost: 1
        """, "t.yaml:13:8: links[0].b: expected the name of a router or transit network, got 'r9'"
            + " (no such node is declared)");
  }

  @Test
  void prefixNeedsAKnownRouter() {
    List<Diagnostic> p = problems("""
        prefixes:
          - {prefix: 10.1.0.0/24, router: r9}
          - {prefix: 10.2.0.0/24, router: lan}
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:11:35: prefixes[0].router: expected the name of a router, got 'r9' (no such node is declared)",
        "t.yaml:12:35: prefixes[1].router: expected the name of a router, got 'lan' (a transit network)");
  }

  @Test
  void costMustBe0To65535() {
    assertOnly("""
        links:
          - {name: l1, a: r1, b: r2, cost: -5}
        """, "t.yaml:11:36: links[0].cost: expected an integer 0..65535, got '-5'");
    assertOnly("""
        links:
          - name: l1
            a: r1
            b: r2
            cost: {a-b: 70000, b-a: 1}
        """, "t.yaml:14:17: links[0].cost.a-b: expected an integer 0..65535, got '70000'");
    assertOnly("""
        prefixes:
          - {prefix: 10.1.0.0/24, router: r1, cost: 65536}
        """, "t.yaml:11:45: prefixes[0].cost: expected an integer 0..65535, got '65536'");
  }

  @Test
  void costIsRequiredAndHasTwoForms() {
    assertOnly("""
        links:
          - {name: l1, a: r1, b: r2}
        """, "t.yaml:11:5: links[0].cost: expected a cost 0..65535 or {a-b: N, b-a: M}, got nothing"
            + " (field is required)");
    assertThat(problems("""
        links:
          - {name: l1, a: r1, b: r2, cost: {ab: 1, b-a: 2}}
        """)).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:11:36: links[0].cost.a-b: expected a cost 0..65535, got nothing (field is required)",
        "t.yaml:11:41: links[0].cost.ab: unknown field 'ab'; expected one of [a-b, b-a]");
  }

  @Test
  void leavingATransitNetworkCostsNothing() {
    assertOnly("""
        links:
          - {name: l1, a: lan, b: r1, cost: {a-b: 5, b-a: 10}}
        """, "t.yaml:11:43: links[0].cost.a-b: expected 0 (leaving a transit network costs nothing), got '5'");
  }

  @Test
  void duplicateNames() {
    List<Diagnostic> p = problems("""
        links:
          - {name: l1, a: r1, b: r2, cost: 1}
          - {name: l1, a: r2, b: lan, cost: 1}
        sites:
          - {name: hq}
          - {name: hq}
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:12:12: links[1].name: duplicate link name 'l1' (first at line 11)",
        "t.yaml:15:12: sites[1].name: duplicate site name 'hq' (first at line 14)");
  }

  @Test
  void duplicateRouterAndNetworkNamesAndRouterIds() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TopologyFileParser.parse("t.yaml", """
        routers:
          - {name: r1, router-id: 10.0.0.1}
          - {name: r1, router-id: 10.0.0.2}
          - {name: r3, router-id: 10.0.0.1}
        networks:
          - {name: r3, prefix: 10.9.0.0/24}
          - {name: lan, prefix: 10.8.0.0/24}
          - {name: lan, prefix: 10.7.0.0/24}
        """));
    assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:3:12: routers[1].name: duplicate node name 'r1': already a router at line 2;"
            + " routers and transit networks share one namespace",
        "t.yaml:4:27: routers[2].router-id: duplicate router id 10.0.0.1: already the id of router 'r1' at line 2",
        "t.yaml:6:12: networks[0].name: duplicate node name 'r3': already a router at line 4;"
            + " routers and transit networks share one namespace",
        "t.yaml:8:12: networks[2].name: duplicate node name 'lan': already a transit network at line 7;"
            + " routers and transit networks share one namespace");
  }

  @Test
  void uplinkInsideEndMustBeAnEndOfTheLink() {
    assertOnly("""
        links:
          - {name: wan, a: r1, b: r2, cost: 1}
        sites:
          - name: hq
            prefixes: [10.1.0.0/16]
            uplinks:
              - {link: wan, inside: lan}
        """, "t.yaml:16:29: sites[0].uplinks[0].inside: expected an end of link 'wan' ('r1' or 'r2'), got 'lan'");
    assertOnly("""
        sites:
          - name: hq
            uplinks:
              - {link: wan9, inside: r1}
        """, "t.yaml:13:16: sites[0].uplinks[0].link: expected the name of a link, got 'wan9'"
            + " (no such link is declared)");
  }

  @Test
  void annotationForUnknownLink() {
    assertOnly("""
        annotations:
          - link: nowhere
            capacity: 1G
        """, "t.yaml:11:11: annotations[0].link: expected the name of a link, got 'nowhere'"
            + " (no such link is declared)");
  }

  @Test
  void atMost16Counters() {
    StringBuilder counters = new StringBuilder();
    for (int i = 0; i < 17; i++) {
      counters.append(i == 0 ? "" : ", ").append("c").append(i).append(": ").append(i);
    }
    assertOnly("""
        links:
          - {name: l1, a: r1, b: r2, cost: 1}
        annotations:
          - link: l1
            counters: {%s}
        """.formatted(counters), "t.yaml:14:15: annotations[0].counters: expected at most 16 counters, got 17");
  }

  @Test
  void prefixWithHostBitsSet() {
    List<Diagnostic> p = problems("""
        prefixes:
          - {prefix: 10.1.0.1/24, router: r1}
        sites:
          - name: hq
            prefixes: [10.2.3.4/16]
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:11:14: prefixes[0].prefix: expected a prefix like 10.1.0.0/24, got '10.1.0.1/24'"
            + " (prefix 10.1.0.1/24 has host bits set; expected 10.1.0.0/24)",
        "t.yaml:14:16: sites[0].prefixes[0]: expected a prefix like 10.1.0.0/24, got '10.2.3.4/16'"
            + " (prefix 10.2.3.4/16 has host bits set; expected 10.2.0.0/16)");
  }

  @Test
  void annotationValuesSayWhatTheyExpect() {
    List<Diagnostic> p = problems("""
        links:
          - {name: l1, a: r1, b: r2, cost: 1}
        annotations:
          - link: l1
            capacity: 10X
            load: {a-b: 1.5, b-a: 1m}
            cost-per-gb: 0.1234567
            labels: [ok, "not ok"]
            counters: {rtt: fast}
            measured-at: yesterday
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:14:15: annotations[0].capacity: expected a bit rate like 1G, 300M, 64k or 1500000, got '10X'"
            + " (units are k, M, G or T (powers of 1000), optionally followed by bps)",
        "t.yaml:15:17: annotations[0].load.a-b: expected a bit rate like 1G, 300M, 64k or 1500000, got '1.5'"
            + " (not a whole number of bit/s or too large)",
        "t.yaml:15:27: annotations[0].load.b-a: expected a bit rate like 1G, 300M, 64k or 1500000, got '1m'"
            + " (units are k, M, G or T (powers of 1000), optionally followed by bps)",
        "t.yaml:16:18: annotations[0].cost-per-gb: expected an amount >= 0 with at most 6 decimals, like 0.05,"
            + " got '0.1234567' (not a plain decimal number)",
        "t.yaml:17:18: annotations[0].labels[1]: expected a name of letters, digits, '.', '_' or '-'"
            + " (at most 64), got 'not ok'",
        "t.yaml:18:21: annotations[0].counters.rtt: expected a number, got 'fast'",
        "t.yaml:19:18: annotations[0].measured-at: expected an ISO-8601 time like 2025-06-01T12:00:00Z,"
            + " got 'yesterday' (Text 'yesterday' could not be parsed at index 0)");
  }

  @Test
  void linkStateAndShape() {
    List<Diagnostic> p = problems("""
        links:
          - {name: l1, a: r1, b: r1, cost: 1, state: sideways}
          - {name: l2, a: lan, b: lan2, cost: 1}
          - just-a-name
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:11:26: links[0].b: expected a node other than a, got 'r1' (a link cannot join a node to itself)",
        "t.yaml:11:46: links[0].state: expected up or down, got 'sideways'",
        "t.yaml:12:27: links[1].b: expected the name of a router or transit network, got 'lan2'"
            + " (no such node is declared)",
        "t.yaml:13:5: links[2]: expected a link mapping with name, a, b and cost, got 'just-a-name'");
  }

  @Test
  void linkBetweenTwoTransitNetworks() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TopologyFileParser.parse("t.yaml", """
        networks:
          - {name: lan1, prefix: 10.8.0.0/24}
          - {name: lan2, prefix: 10.9.0.0/24}
        links:
          - {name: l, a: lan1, b: lan2, cost: 0}
        """));
    assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:5:27: links[0].b: expected a router at one end at least, got transit network 'lan2'"
            + " (so are both ends)");
  }

  @Test
  void areasMustMatchTheNodes() {
    List<Diagnostic> p = problemsOf("""
        routers:
          - {name: r1, router-id: 10.0.0.1}
          - {name: r2, router-id: 10.0.0.2, areas: [0.0.0.0, 0.0.0.1]}
          - {name: r3, router-id: 10.0.0.3, areas: [0.0.0.1, 0.0.0.2]}
          - {name: r4, router-id: 10.0.0.4, areas: [0.0.0.1, 0.0.0.2]}
          - {name: r5, router-id: 10.0.0.5, areas: [2, 300.0.0.0, 2]}
          - {name: r6, router-id: 10.0.0.6, areas: []}
        links:
          - {name: l1, a: r1, b: r2, cost: 1, area: 0.0.0.1}
          - {name: l2, a: r1, b: r3, cost: 1}
          - {name: l3, a: r3, b: r4, cost: 1}
        prefixes:
          - {prefix: 10.1.0.0/24, router: r3}
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:6:48: routers[4].areas[1]: expected an area like 0.0.0.1 or 1, got '300.0.0.0'"
            + " (four numbers 0..255 separated by dots)",
        "t.yaml:6:59: routers[4].areas[2]: duplicate area 0.0.0.2",
        "t.yaml:7:44: routers[5].areas: expected at least one area, got an empty list",
        "t.yaml:9:45: links[0].area: expected an area of router 'r1' [0.0.0.0], got '0.0.0.1'",
        "t.yaml:10:5: links[1].area: expected an area shared by router 'r1' [0.0.0.0] and router 'r3'"
            + " [0.0.0.1, 0.0.0.2], got none in common",
        "t.yaml:11:5: links[2].area: expected an explicit area (one of [0.0.0.1, 0.0.0.2]), got nothing;"
            + " router 'r3' [0.0.0.1, 0.0.0.2] and router 'r4' [0.0.0.1, 0.0.0.2] share several areas"
            + " but not the backbone",
        "t.yaml:13:5: prefixes[0].area: expected an explicit area (one of [0.0.0.1, 0.0.0.2]), got nothing;"
            + " router 'r3' [0.0.0.1, 0.0.0.2] share several areas but not the backbone");
  }

  @Test
  void requiredFieldsAndBadRouterIds() {
    List<Diagnostic> p = problemsOf("""
        routers:
          - name: r1
          - router-id: 10.0.0.2
          - {name: "r 3", router-id: 10.0.0.256}
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:2:5: routers[0].router-id: expected a router id like 10.255.0.1, got nothing (field is required)",
        "t.yaml:3:5: routers[1].name: expected a name of letters, digits, '.', '_' or '-', got nothing"
            + " (field is required)",
        "t.yaml:4:12: routers[2].name: expected a name of letters, digits, '.', '_' or '-' (at most 64),"
            + " got 'r 3'",
        "t.yaml:4:30: routers[2].router-id: expected a router id like 10.255.0.1, got '10.0.0.256'"
            + " (four numbers 0..255 separated by dots)");
  }

  @Test
  void duplicateAnnotationsPrefixesAndUplinks() {
    List<Diagnostic> p = problems("""
        links:
          - {name: l1, a: r1, b: r2, cost: 1}
        prefixes:
          - {prefix: 10.1.0.0/24, router: r1}
          - {prefix: 10.1.0.0/24, router: r1}
          - {prefix: 10.1.0.0/24, router: r2}
        sites:
          - name: hq
            prefixes: [10.1.0.0/16, 10.1.0.0/16]
            uplinks: [{link: l1, inside: r1}, {link: l1, inside: r2}]
        annotations:
          - {link: l1, capacity: 1G}
          - {link: l1, capacity: 2G}
        """);
    assertThat(p).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:14:14: prefixes[1].prefix: duplicate prefix 10.1.0.0/24: already announced by 'r1' at line 13",
        "t.yaml:18:29: sites[0].prefixes[1]: duplicate prefix 10.1.0.0/16 in this site",
        "t.yaml:19:46: sites[0].uplinks[1].link: duplicate uplink 'l1' (first at line 19)",
        "t.yaml:22:12: annotations[1].link: duplicate annotation for link 'l1' (first at line 21)");
  }

  @Test
  void everyProblemIsReportedAtOnceInLineOrder() {
    List<Diagnostic> p = problems("""
        sites:
          - {name: hq, uplinks: [{link: nope, inside: r1}]}
        links:
          - {name: l1, a: r1, b: r9, cost: 99999}
        """);
    assertThat(p).extracting(x -> x.location().line()).containsExactly(11, 13, 13);
    assertThat(p).extracting(Diagnostic::field)
        .containsExactly("sites[0].uplinks[0].link", "links[0].b", "links[0].cost");
  }

  @Test
  void malformedYamlGivesALine() {
    ConfigException bracket = catchThrowableOfType(ConfigException.class,
        () -> TopologyFileParser.parse("t.yaml", "routers:\n  - {name: r1, router-id: 10.0.0.1\nlinks: []\n"));
    assertThat(bracket.diagnostics()).singleElement().satisfies(x -> {
      assertThat(x.location().line()).isEqualTo(3);
      assertThat(x.message()).startsWith("malformed YAML: expected ',' or '}'");
    });
    ConfigException indent = catchThrowableOfType(ConfigException.class,
        () -> TopologyFileParser.parse("t.yaml", "routers:\n  - name: r1\n   router-id: 10.0.0.1\n"));
    assertThat(indent.diagnostics()).singleElement().satisfies(x -> {
      assertThat(x.location().line()).isEqualTo(3);
      assertThat(x.message()).startsWith("malformed YAML:");
    });
  }

  @Test
  void emptyOrNonMappingFileIsRejected() {
    for (String text : new String[] {"", "# nothing but a comment\n"}) {
      ConfigException e = catchThrowableOfType(ConfigException.class, () -> TopologyFileParser.parse("t.yaml", text));
      assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
          "t.yaml:1:1: expected a mapping with sections routers, networks, links, prefixes, sites,"
              + " annotations, got nothing");
    }
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> TopologyFileParser.parse("t.yaml", "- r1\n"));
    assertThat(e.diagnostics()).extracting(Diagnostic::toString).containsExactly(
        "t.yaml:1:1: expected a mapping with sections routers, networks, links, prefixes, sites,"
            + " annotations, got a list");
  }

  private static List<Diagnostic> problemsOf(String wholeFile) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> TopologyFileParser.parse("t.yaml", wholeFile));
    assertThat(e).as("the file should be rejected").isNotNull();
    assertThat(e.diagnostics()).noneMatch(x -> x.message().startsWith("inconsistent topology"));
    return e.diagnostics();
  }
}
