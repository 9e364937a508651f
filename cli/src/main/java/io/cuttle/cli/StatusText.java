package io.cuttle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.text.TextTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the controller's {@code /api/v1/hosts} JSON as the text of {@code cuttle status}. */
final class StatusText {
  private StatusText() {}

  /** One line per host. */
  static String list(JsonNode root) {
    JsonNode hosts = root.path("hosts");
    if (hosts.isEmpty()) {
      return "No hosts match (stale after " + ago(root.path("staleAfterMs").asLong()) + ").\n";
    }
    TextTable t = new TextTable("HOST", "STATE", "LAST REPORT", "VERSION", "HANDLERS", "RESTRICTIONS", "ERRORS");
    int stale = 0;
    for (JsonNode h : hosts) {
      stale += h.path("state").asText().equals("STALE") ? 1 : 0;
      t.row(h.path("host").asText(), h.path("state").asText(), ago(h.path("sinceLastReportMs").asLong()) + " ago",
          h.path("version").asText(), String.valueOf(h.path("handlers").size()), outcomes(h.path("restrictions")),
          String.valueOf(h.path("errors").size()));
    }
    return t.render(0) + "\n" + hosts.size() + " hosts, " + stale + " stale (stale after "
        + ago(root.path("staleAfterMs").asLong()) + "); store: " + root.path("store").asText() + "\n";
  }

  /** Everything about one host, with its history. */
  static String host(JsonNode h) {
    StringBuilder out = new StringBuilder();
    out.append("host ").append(h.path("host").asText()).append(": ").append(h.path("state").asText())
        .append(" (last report ").append(ago(h.path("sinceLastReportMs").asLong())).append(" ago, received ")
        .append(h.path("receivedAt").asText()).append(")\n");
    out.append("state: lineage ").append(h.path("lineage").asText()).append(" version ")
        .append(h.path("version").asText()).append("; daemon ").append(h.path("daemonVersion").asText())
        .append(", last heard from a controller ").append(ago(h.path("daemonStalenessMs").asLong()))
        .append(" before reporting\n");
    section(out, "handlers", h.path("handlers"), new String[] {"NAME", "PHASE"}, new String[] {"name", "phase"});
    section(out, "restrictions", h.path("restrictions"), new String[] {"HANDLER", "APP", "ACTION", "OUTCOME", "DETAIL"},
        new String[] {"handler", "app", "action", "outcome", "detail"});
    out.append("errors:");
    if (h.path("errors").isEmpty()) {
      out.append(" none\n");
    } else {
      out.append('\n');
      h.path("errors").forEach(e -> out.append("  ").append(e.asText()).append('\n'));
    }
    section(out, "history", h.path("history"), new String[] {"AT", "CHANGE", "DETAIL"},
        new String[] {"at", "kind", "detail"});
    return out.toString();
  }

  private static void section(StringBuilder out, String title, JsonNode items, String[] header, String[] fields) {
    out.append(title).append(':');
    if (items.isEmpty()) {
      out.append(" none\n");
      return;
    }
    out.append('\n');
    TextTable t = new TextTable(header);
    for (JsonNode i : items) {
      List<String> cells = new ArrayList<>();
      for (String f : fields) {
        cells.add(i.path(f).asText().replace('\n', ' '));
      }
      t.row(cells.toArray(String[]::new));
    }
    out.append(t.render(2));
  }

  /** e.g. {@code 2 ENFORCED, 1 FAILED}; {@code -} when none. */
  static String outcomes(JsonNode restrictions) {
    Map<String, Integer> n = new LinkedHashMap<>();
    restrictions.forEach(r -> n.merge(r.path("outcome").asText(), 1, Integer::sum));
    if (n.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    n.forEach((o, c) -> parts.add(c + " " + o));
    return String.join(", ", parts);
  }

  static String ago(long millis) {
    Duration d = Duration.ofMillis(Math.max(0, millis));
    return d.toSeconds() == 0 ? d.toMillis() + "ms" : ConfigNode.formatDuration(Duration.ofSeconds(d.toSeconds()));
  }
}
