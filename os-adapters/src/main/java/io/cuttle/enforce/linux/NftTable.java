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
  /** Where nft looks for cgroup v2 paths (compiled into nft). */
  static final String CGROUPFS = "/sys/fs/cgroup";
  /** {@code $0} is the table, {@code $1} the directory to hide. */
  private static final String LIST_HIDING_CGROUPFS =
      "mount -t tmpfs cuttle-empty \"$1\" && exec nft -j list table inet \"$0\"";
  private final CommandRunner run;
  private final NftExecutor transactions;
  private final String name;

  /** Reads through {@code run}; applies and checks transactions through {@code transactions}. */
  NftTable(CommandRunner run, NftExecutor transactions, String name) {
    this.run = run;
    this.transactions = transactions;
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Runs a transaction (the text of {@code nft -f}); empty on success, else nft's message. */
  Optional<String> apply(String script) {
    return transactions.apply(script);
  }

  /** Dry-runs a transaction ({@code nft -c}); empty when the kernel would accept it. */
  Optional<String> check(String script) {
    return transactions.check(script);
  }

  /** How transactions run ({@code libnftables} or {@code nft command}). */
  String transactionsDescribe() {
    return transactions.describe();
  }

  void close() {
    transactions.close();
  }

  /** What the table holds now, as its {@code apps} set tells: one entry per app. */
  record View(boolean exists, List<String> entries, Map<String, Integer> classBySlug,
      Map<String, Set<String>> kindsBySlug) {
    static View absent() {
      return new View(false, List.of(), Map.of(), Map.of());
    }
  }

  View read() {
    CommandResult r = run.run(List.of("nft", "-j", "list", "set", "inet", name, "apps"));
    if (!r.ok()) {
      return View.absent();
    }
    try {
      return parse(JSON.readTree(r.stdout()));
    } catch (IOException e) {
      return View.absent();
    }
  }

  /**
   * Lists the whole table (rules and set elements). Printing a {@code socket cgroupv2} match makes
   * nft walk cgroupfs to turn the stored cgroup id back into a path, which costs several
   * milliseconds per rule; so the listing runs in a private mount namespace where an empty tmpfs
   * hides {@value #CGROUPFS}, and nft prints the numeric id instead. Where a mount namespace cannot
   * be made (no CAP_SYS_ADMIN), it falls back to the plain, slower listing, which prints paths.
   */
  NftListing list() {
    CommandResult r = run.run(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", LIST_HIDING_CGROUPFS,
        name, CGROUPFS));
    if (!r.ok()) {
      r = run.run(List.of("nft", "-j", "list", "table", "inet", name));
    }
    if (!r.ok()) {
      return NftListing.absent();
    }
    try {
      return NftListing.parse(JSON.readTree(r.stdout()), name);
    } catch (IOException e) {
      return NftListing.absent();
    }
  }

  /** The names of the table's chains (sorted); empty when the table is absent. */
  List<String> chains() {
    CommandResult r = run.run(List.of("nft", "-j", "list", "chains", "inet"));
    List<String> out = new ArrayList<>();
    try {
      for (JsonNode item : JSON.readTree(r.ok() ? r.stdout() : "{}").path("nftables")) {
        JsonNode c = item.path("chain");
        if (c.path("table").asText("").equals(name)) {
          out.add(c.path("name").asText(""));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out.stream().sorted().toList();
  }

  static View parse(JsonNode root) {
    List<String> comments = new ArrayList<>();
    for (JsonNode item : root.path("nftables")) {
      for (JsonNode e : item.path("set").path("elem")) {
        String c = e.path("elem").path("comment").asText("");
        if (!c.isEmpty()) {
          comments.add(c);
        }
      }
    }
    return ofEntries(comments);
  }

  /**
   * The view of a present table whose {@code apps} set holds these element comments (as read
   * back, or as the adapter's own transaction just wrote them).
   */
  static View ofEntries(List<String> comments) {
    List<String> entries = new ArrayList<>();
    Map<String, Integer> classes = new TreeMap<>();
    Map<String, Set<String>> kinds = new TreeMap<>();
    for (String c : comments) {
      entries.add(c);
      Map<String, String> kv = new TreeMap<>();
      for (String part : c.split(" ")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
      String slug = kv.get("app");
      try {
        classes.put(slug, Integer.parseInt(kv.getOrDefault("class", "")));
      } catch (NumberFormatException | NullPointerException ex) {
        continue;
      }
      Set<String> ks = new TreeSet<>();
      for (String k : kv.getOrDefault("kinds", "").split(",")) {
        if (!k.isEmpty()) {
          ks.add(k);
        }
      }
      kinds.put(slug, ks);
    }
    return new View(true, entries.stream().sorted().toList(), classes, kinds);
  }
}
