package io.cuttle.enforce.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The adapter's nft table as the kernel holds it: each chain's rules in order (comment and
 * expression, without handles) and each set's elements. The value a {@code socket cgroupv2} match
 * holds is kept apart, per app, in {@link #cgroupRefs}: it is a numeric cgroup id or a path,
 * depending on how the table was listed (see {@link NftTable#list}), and the rule itself is compared
 * without it.
 */
record NftListing(boolean exists, Map<String, List<Rule>> rules, Map<String, Set<String>> elements,
    Map<String, String> cgroupRefs) {
  /** What stands in for a {@code socket cgroupv2} match's value in {@link Rule#expr}. */
  static final String CGROUP_PLACEHOLDER = "<cgroup>";

  NftListing {
    Map<String, List<Rule>> r = new TreeMap<>();
    rules.forEach((chain, list) -> r.put(chain, List.copyOf(list)));
    rules = Collections.unmodifiableMap(r);
    Map<String, Set<String>> e = new TreeMap<>();
    elements.forEach((set, els) -> e.put(set, Collections.unmodifiableSet(new TreeSet<>(els))));
    elements = Collections.unmodifiableMap(e);
    cgroupRefs = Collections.unmodifiableMap(new TreeMap<>(cgroupRefs));
  }

  /** One rule: its comment (empty when it has none) and its expression as nft's JSON. */
  record Rule(String comment, String expr) {
    @Override
    public String toString() {
      return (comment.isEmpty() ? "(no comment)" : "\"" + comment + "\"") + " " + expr;
    }
  }

  static NftListing absent() {
    return new NftListing(false, Map.of(), Map.of(), Map.of());
  }

  /** Reads {@code nft -j list table} output; chains and sets of other tables are ignored. */
  static NftListing parse(JsonNode root, String table) {
    Map<String, List<Rule>> rules = new TreeMap<>();
    Map<String, Set<String>> elements = new TreeMap<>();
    Map<String, String> cgroups = new TreeMap<>();
    boolean seen = false;
    for (JsonNode item : root.path("nftables")) {
      JsonNode chain = item.path("chain");
      if (chain.path("table").asText("").equals(table)) {
        seen = true;
        rules.putIfAbsent(chain.path("name").asText(""), new ArrayList<>());
      }
      JsonNode set = item.path("set");
      if (set.path("table").asText("").equals(table)) {
        seen = true;
        Set<String> els = elements.computeIfAbsent(set.path("name").asText(""), k -> new TreeSet<>());
        set.path("elem").forEach(el -> els.add(el.toString()));
      }
      JsonNode rule = item.path("rule");
      if (rule.path("table").asText("").equals(table)) {
        String comment = rule.path("comment").asText("");
        JsonNode expr = rule.path("expr").deepCopy();
        String ref = takeCgroup(expr);
        if (ref != null) {
          cgroups.put(slugOf(comment), ref);
        }
        rules.computeIfAbsent(rule.path("chain").asText(""), k -> new ArrayList<>()).add(new Rule(comment,
            expr.toString()));
      }
    }
    return seen ? new NftListing(true, rules, elements, cgroups) : absent();
  }

  /** Replaces a {@code socket cgroupv2} match's value with the placeholder; returns the value, or null. */
  private static String takeCgroup(JsonNode expr) {
    String ref = null;
    for (JsonNode e : expr) {
      JsonNode match = e.path("match");
      if (match.path("left").path("socket").path("key").asText("").equals("cgroupv2") && match instanceof ObjectNode m) {
        ref = match.path("right").asText("");
        m.put("right", CGROUP_PLACEHOLDER);
      }
    }
    return ref;
  }

  /** The {@code app=} value of a rule comment {@link NftScript#tag} wrote; empty if there is none. */
  static String slugOf(String comment) {
    for (String part : comment.split(" ")) {
      if (part.startsWith("app=")) {
        return part.substring(4);
      }
    }
    return "";
  }
}
