package io.cuttle.enforce.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The adapter's nft table: applied as one transaction, read back through {@code nft -j}. */
final class NftTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CommandRunner run;
  private final String name;

  NftTable(CommandRunner run, String name) {
    this.run = run;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Runs an {@code nft -f -} transaction; empty on success, else nft's message. */
  Optional<String> apply(String script) {
    CommandResult r = run.run(List.of("nft", "-f", "-"), script);
    return r.ok() ? Optional.empty() : Optional.of(r.describe());
  }

  /** Dry-runs a transaction ({@code nft -c}); empty when the kernel would accept it. */
  Optional<String> check(String script) {
    CommandResult r = run.run(List.of("nft", "-c", "-f", "-"), script);
    return r.ok() ? Optional.empty() : Optional.of(r.describe());
  }

  /** What the table holds now, as far as the adapter's rule comments tell. */
  record View(boolean exists, List<String> comments, Map<String, Integer> classBySlug,
      Map<String, Set<String>> kindsBySlug) {
    static View absent() {
      return new View(false, List.of(), Map.of(), Map.of());
    }
  }

  View read() {
    CommandResult r = run.run(List.of("nft", "-j", "list", "table", "inet", name));
    if (!r.ok()) {
      return View.absent();
    }
    try {
      return parse(JSON.readTree(r.stdout()));
    } catch (IOException e) {
      return View.absent();
    }
  }

  static View parse(JsonNode root) {
    List<String> comments = new ArrayList<>();
    Map<String, Integer> classes = new TreeMap<>();
    Map<String, Set<String>> kinds = new TreeMap<>();
    for (JsonNode item : root.path("nftables")) {
      JsonNode rule = item.path("rule");
      String c = rule.path("comment").asText("");
      if (c.isEmpty()) {
        continue;
      }
      comments.add(c);
      Map<String, String> kv = new TreeMap<>();
      for (String part : c.split(" ")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
      String slug = kv.get("app");
      if (slug == null) {
        continue;
      }
      try {
        classes.put(slug, Integer.parseInt(kv.getOrDefault("class", "")));
      } catch (NumberFormatException e) {
        continue;
      }
      kinds.computeIfAbsent(slug, k -> new TreeSet<>()).add(kv.getOrDefault("kind", ""));
    }
    return new View(true, comments, classes, kinds);
  }
}
