package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.enforce.VerifyReport.Drift;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule-by-rule comparison of two table listings, from nft's JSON. */
class NftDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String INSTALLED = """
      {"nftables": [{"metainfo": {"json_schema_version": 1}},
       {"table": {"family": "inet", "name": "t", "handle": 9}},
       {"set": {"family": "inet", "name": "c4_2", "table": "t", "type": ["ipv4_addr"], "handle": 3,
         "elem": [{"concat": ["10.0.0.1", 5000, "10.0.0.2", 9999]}]}},
       {"chain": {"family": "inet", "table": "t", "name": "out", "handle": 1}},
       {"chain": {"family": "inet", "table": "t", "name": "app_2", "handle": 2}},
       {"rule": {"family": "inet", "table": "t", "chain": "out", "handle": 4, "comment": "app=web class=2 kind=cgroup",
         "expr": [{"match": {"op": "==", "left": {"socket": {"key": "cgroupv2"}}, "right": "80338"}},
                  {"jump": {"target": "app_2"}}]}},
       {"rule": {"family": "inet", "table": "t", "chain": "app_2", "handle": 5, "comment": "app=web class=2 kind=mark",
         "expr": [{"mangle": {"key": {"payload": {"protocol": "ip", "field": "dscp"}}, "value": "af11"}}]}},
       {"rule": {"family": "inet", "table": "t", "chain": "app_2", "handle": 6, "comment": "app=web class=2 kind=limit",
         "expr": [{"mangle": {"key": {"meta": {"key": "priority"}}, "value": "ce:2"}}]}},
       {"rule": {"family": "inet", "table": "other", "chain": "x", "handle": 7, "expr": [{"accept": null}]}}]}
      """;

  private static NftListing parse(String json) throws Exception {
    return NftListing.parse(JSON.readTree(json), "t");
  }

  @Test
  void readsRulesWithoutHandlesAndKeepsTheCgroupValueApart() throws Exception {
    NftListing l = parse(INSTALLED);

    assertThat(l.exists()).isTrue();
    assertThat(l.rules()).containsOnlyKeys("out", "app_2");
    assertThat(l.rules().get("out")).singleElement().satisfies(r -> {
      assertThat(r.comment()).isEqualTo("app=web class=2 kind=cgroup");
      assertThat(r.expr()).contains(NftListing.CGROUP_PLACEHOLDER).doesNotContain("80338").doesNotContain("handle");
    });
    assertThat(l.cgroupRefs()).containsEntry("web", "80338");
    assertThat(l.elements().get("c4_2")).containsExactly("{\"concat\":[\"10.0.0.1\",5000,\"10.0.0.2\",9999]}");
    assertThat(parse("{\"nftables\": []}").exists()).isFalse();
  }

  @Test
  void theSameTableWithOtherHandlesAndAnotherCgroupPathIsNoDrift() throws Exception {
    String relisted = INSTALLED.replace("\"handle\": 5", "\"handle\": 50").replace("\"80338\"", "\"unified/web\"");
    assertThat(NftDiff.compare("t", parse(INSTALLED), parse(relisted))).isEmpty();
  }

  /** The listing's items (metainfo, table, set, chains, rules) as a tree to tamper with. */
  private static ArrayNode items() throws Exception {
    return (ArrayNode) JSON.readTree(INSTALLED).get("nftables");
  }

  private static NftListing of(ArrayNode items) {
    ObjectNode root = JSON.createObjectNode();
    root.set("nftables", items);
    return NftListing.parse(root, "t");
  }

  private static int indexOfHandle(ArrayNode items, int handle) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).path("rule").path("handle").asInt() == handle) {
        return i;
      }
    }
    throw new IllegalArgumentException("expected a rule with handle " + handle + ", got none");
  }

  @Test
  void namesAMissingRuleAChangedRuleAnAddedRuleAndAMissingElement() throws Exception {
    ArrayNode t = items();
    t.remove(indexOfHandle(t, 5));
    ((ObjectNode) t.get(indexOfHandle(t, 6)).get("rule").get("expr").get(0).get("mangle")).put("value", "ce:ff");
    ((ObjectNode) t.get(2).get("set")).putArray("elem");
    t.add(JSON.readTree("{\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"out\", \"handle\": 8,"
        + " \"expr\": [{\"drop\": null}]}}"));

    List<Drift> d = NftDiff.compare("t", parse(INSTALLED), of(t));

    assertThat(d).extracting(Drift::what).containsExactly(
        "nft chain inet t app_2 rule \"app=web class=2 kind=mark\"",
        "nft chain inet t app_2 rule \"app=web class=2 kind=limit\"",
        "nft chain inet t out rule (no comment)",
        "nft set inet t c4_2 element {\"concat\":[\"10.0.0.1\",5000,\"10.0.0.2\",9999]}");
    assertThat(d.get(0).found()).isEqualTo("absent");
    assertThat(d.get(1).expected()).contains("ce:2");
    assertThat(d.get(1).found()).contains("ce:ff");
    assertThat(d.get(2).expected()).isEqualTo("absent");
    assertThat(d.get(3).found()).isEqualTo("absent");
  }

  @Test
  void sameRulesInAnotherOrderIsOneDrift() throws Exception {
    ArrayNode t = items();
    int mark = indexOfHandle(t, 5);
    var moved = t.remove(mark);
    t.insert(indexOfHandle(t, 6) + 1, moved);

    List<Drift> d = NftDiff.compare("t", parse(INSTALLED), of(t));

    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.what()).isEqualTo("nft chain inet t app_2 rule order");
      assertThat(x.expected()).isEqualTo("[app=web class=2 kind=mark, app=web class=2 kind=limit]");
      assertThat(x.found()).isEqualTo("[app=web class=2 kind=limit, app=web class=2 kind=mark]");
    });
  }
}
