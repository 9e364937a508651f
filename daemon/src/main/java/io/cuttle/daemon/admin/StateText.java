package io.cuttle.daemon.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.cuttle.common.text.TextTable;
import io.cuttle.netstate.model.NetworkState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A compact, human-readable listing of a {@link StateView} for {@code cuttle state show}: a
 * header with lineage, version and (for a daemon) controller, status and staleness, then one
 * table per non-empty section. It renders the JSON view, so the CLI can render what it fetched
 * from a daemon's {@code /state} without the model classes. Rates are shown in bit/s with
 * k/M/G/T suffixes.
 */
public final class StateText {
  private StateText() {}

  /** Renders a state alone. */
  public static String render(NetworkState state) {
    return render(StateView.of(state));
  }

  /** Renders a view built by {@link StateView} (or parsed from {@code /state}). */
  public static String render(JsonNode view) {
    StringBuilder out = new StringBuilder();
    header(view, out);
    JsonNode s = view.path("state");
    section(out, "routers", s.path("routers"), new String[] {"ID", "NAME", "ROUTER-ID", "AREAS"},
        r -> new String[] {r.path("id").asText(), r.path("name").asText(), r.path("routerId").asText(),
            joined(r.path("areas"))});
    section(out, "networks", s.path("networks"), new String[] {"ID", "NAME", "PREFIX", "AREA"},
        n -> new String[] {n.path("id").asText(), n.path("name").asText(), n.path("prefix").asText(),
            n.path("area").asText()});
    section(out, "links", s.path("links"), new String[] {"ID", "NAME", "A", "B", "STATE", "COST A>B", "COST B>A", "AREA"},
        l -> new String[] {l.path("id").asText(), l.path("name").asText(), l.path("a").asText(), l.path("b").asText(),
            l.path("state").asText(), l.path("costAb").asText(), l.path("costBa").asText(), l.path("area").asText()});
    section(out, "prefixes", s.path("prefixes"), new String[] {"ID", "PREFIX", "ROUTER", "COST", "AREA"},
        p -> new String[] {p.path("id").asText(), p.path("prefix").asText(), p.path("router").asText(),
            p.path("cost").asText(), p.path("area").asText()});
    section(out, "sites", s.path("sites"),
        new String[] {"NAME", "PREFIXES", "UPLINKS UP", "UPSTREAM", "DOWNSTREAM", "CAPACITY", "UP UTIL"},
        StateText::siteRow);
    section(out, "annotations", s.path("annotations"),
        new String[] {"LINK", "CAPACITY", "LOAD A>B", "LOAD B>A", "COST/GB", "LABELS", "MEASURED"},
        a -> new String[] {a.path("link").asText(), rate(a.path("capacityBps")), rate(a.path("loadAbBps")),
            rate(a.path("loadBaBps")), money(a.path("costMicros")), joined(a.path("labels")),
            a.path("measuredAt").asText("-")});
    return out.toString();
  }

  private static void header(JsonNode v, StringBuilder out) {
    out.append("state    lineage ").append(v.path("lineage").path("id").asText())
        .append(" (epoch ").append(v.path("lineage").path("epoch").asText()).append(")")
        .append("  version ").append(v.path("version").asText())
        .append("  committed ").append(v.path("committedAt").asText()).append('\n');
    if (v.has("status")) {
      out.append("daemon   ").append(v.path("hostId").asText("?"))
          .append(" <- ").append(v.path("controller").asText())
          .append("  ").append(v.path("status").asText())
          .append("  staleness ").append(seconds(v.path("stalenessMs").asLong())).append('\n');
      if (v.hasNonNull("error")) {
        out.append("         error: ").append(v.path("error").asText()).append('\n');
      }
    }
    if (v.path("version").asLong() == 0 && isEmpty(v.path("state"))) {
      out.append("no state yet\n");
    }
  }

  private static boolean isEmpty(JsonNode state) {
    for (JsonNode section : state) {
      if (!section.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static void section(StringBuilder out, String title, JsonNode items, String[] header,
      Function<JsonNode, String[]> row) {
    if (items.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append(" (").append(items.size()).append(")\n");
    TextTable t = new TextTable(header);
    items.forEach(i -> t.row(row.apply(i)));
    out.append(t.render(2));
  }

  private static String[] siteRow(JsonNode site) {
    JsonNode load = site.path("load");
    String util = load.has("upstreamUtilisation")
        ? String.format(Locale.ROOT, "%.0f%%", load.path("upstreamUtilisation").asDouble() * 100) : "-";
    return new String[] {site.path("name").asText(), joined(site.path("prefixes")),
        load.path("uplinksUp").asText("0") + "/" + load.path("uplinksTotal").asText("0"),
        rate(load.path("upstreamBps")), rate(load.path("downstreamBps")), rate(load.path("capacityBps")), util};
  }

  private static String joined(JsonNode array) {
    if (array.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    array.forEach(e -> parts.add(e.asText()));
    return String.join(",", parts);
  }

  /** {@code 950}, {@code 1.2k}, {@code 120M}, {@code 10G}; {@code -} when absent. */
  static String rate(JsonNode bps) {
    if (bps.isMissingNode() || bps.isNull()) {
      return "-";
    }
    long v = bps.asLong();
    String[] units = {"", "k", "M", "G", "T", "P"};
    double x = v;
    int u = 0;
    while (x >= 1000 && u < units.length - 1) {
      x /= 1000;
      u++;
    }
    if (u == 0) {
      return Long.toString(v);
    }
    return (x < 10 ? String.format(Locale.ROOT, "%.1f", x) : String.format(Locale.ROOT, "%.0f", x)) + units[u];
  }

  private static String money(JsonNode micros) {
    if (micros.isMissingNode() || micros.isNull()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.4f", micros.asLong() / 1e6);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
