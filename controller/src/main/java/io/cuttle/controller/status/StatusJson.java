package io.cuttle.controller.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.controller.status.StatusChange.Kind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON form of statuses and changes, shared by the snapshot file, the PostgreSQL columns and
 * the HTTP API. Reading checks every field and reports the first bad one as
 * "path: expected X, got Y".
 */
final class StatusJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusJson() {}

  // ---- writing ----

  /** Every field of a status; lineage as hex like everywhere else in the controller's JSON. */
  static ObjectNode status(HostStatus s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("host", s.hostId());
    o.put("receivedAt", s.receivedAt().toString());
    o.put("reportedAt", s.reportedAt().toString());
    o.put("lineage", Long.toHexString(s.lineageId()));
    o.put("version", s.version());
    o.put("daemonVersion", s.daemonVersion());
    o.put("daemonStalenessMs", s.daemonStaleness().toMillis());
    o.set("handlers", handlers(s.handlers()));
    o.set("restrictions", restrictions(s.restrictions()));
    o.set("errors", errors(s.errors()));
    return o;
  }

  static ArrayNode handlers(List<HandlerState> handlers) {
    ArrayNode a = MAPPER.createArrayNode();
    handlers.forEach(h -> a.addObject().put("name", h.name()).put("phase", h.phase()));
    return a;
  }

  static ArrayNode restrictions(List<RestrictionState> restrictions) {
    ArrayNode a = MAPPER.createArrayNode();
    restrictions.forEach(r -> a.addObject().put("handler", r.handler()).put("app", r.app())
        .put("action", r.action()).put("outcome", r.outcome().name()).put("detail", r.detail()));
    return a;
  }

  static ArrayNode errors(List<String> errors) {
    ArrayNode a = MAPPER.createArrayNode();
    errors.forEach(a::add);
    return a;
  }

  static ObjectNode change(StatusChange c) {
    return MAPPER.createObjectNode().put("at", c.at().toString()).put("kind", c.kind().name()).put("detail", c.detail());
  }

  static ArrayNode changes(List<StatusChange> changes) {
    ArrayNode a = MAPPER.createArrayNode();
    changes.forEach(c -> a.add(change(c)));
    return a;
  }

  // ---- reading ----

  static HostStatus readStatus(JsonNode o, String path) throws StatusFormatException {
    String host = text(o, path, "host");
    if (host.isBlank()) {
      throw new StatusFormatException(path + ".host: expected a host id, got an empty string");
    }
    return new HostStatus(host, instant(o, path, "receivedAt"), instant(o, path, "reportedAt"),
        hex(o, path, "lineage"), number(o, path, "version"), text(o, path, "daemonVersion"),
        Duration.ofMillis(number(o, path, "daemonStalenessMs")),
        readHandlers(field(o, path, "handlers"), path + ".handlers"),
        readRestrictions(field(o, path, "restrictions"), path + ".restrictions"),
        readErrors(field(o, path, "errors"), path + ".errors"));
  }

  static List<HandlerState> readHandlers(JsonNode a, String path) throws StatusFormatException {
    return list(a, path, (n, p) -> new HandlerState(text(n, p, "name"), text(n, p, "phase")));
  }

  static List<RestrictionState> readRestrictions(JsonNode a, String path) throws StatusFormatException {
    return list(a, path, (n, p) -> {
      String o = text(n, p, "outcome");
      EnforcementOutcome outcome = EnforcementOutcome.parse(o).orElseThrow(() ->
          new StatusFormatException(p + ".outcome: expected one of " + List.of(EnforcementOutcome.values())
              + ", got '" + o + "'"));
      return new RestrictionState(text(n, p, "handler"), text(n, p, "app"), text(n, p, "action"), outcome,
          text(n, p, "detail"));
    });
  }

  static List<String> readErrors(JsonNode a, String path) throws StatusFormatException {
    return list(a, path, (n, p) -> {
      if (!n.isTextual()) {
        throw new StatusFormatException(p + ": expected a string, got " + n.getNodeType());
      }
      return n.asText();
    });
  }

  static List<StatusChange> readChanges(JsonNode a, String path) throws StatusFormatException {
    return list(a, path, (n, p) -> {
      String k = text(n, p, "kind");
      Kind kind;
      try {
        kind = Kind.valueOf(k);
      } catch (IllegalArgumentException e) {
        throw new StatusFormatException(p + ".kind: expected one of " + List.of(Kind.values()) + ", got '" + k + "'");
      }
      return new StatusChange(instant(n, p, "at"), kind, text(n, p, "detail"));
    });
  }

  @FunctionalInterface
  interface Reader<T> {
    T read(JsonNode node, String path) throws StatusFormatException;
  }

  static <T> List<T> list(JsonNode a, String path, Reader<T> reader) throws StatusFormatException {
    if (!a.isArray()) {
      throw new StatusFormatException(path + ": expected a list, got " + a.getNodeType());
    }
    List<T> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode item = a.get(i);
      String p = path + "[" + i + "]";
      out.add(reader.read(item, p));
    }
    return out;
  }

  static JsonNode field(JsonNode o, String path, String name) throws StatusFormatException {
    if (!o.isObject()) {
      throw new StatusFormatException(path + ": expected an object, got " + o.getNodeType());
    }
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      throw new StatusFormatException(path + "." + name + ": expected a value, got nothing");
    }
    return v;
  }

  static String text(JsonNode o, String path, String name) throws StatusFormatException {
    JsonNode v = field(o, path, name);
    if (!v.isTextual()) {
      throw new StatusFormatException(path + "." + name + ": expected a string, got " + v);
    }
    return v.asText();
  }

  static long number(JsonNode o, String path, String name) throws StatusFormatException {
    JsonNode v = field(o, path, name);
    if (!v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new StatusFormatException(path + "." + name + ": expected an integer, got " + v);
    }
    return v.asLong();
  }

  static Instant instant(JsonNode o, String path, String name) throws StatusFormatException {
    return parsed(o, path, name, "an ISO-8601 instant like 2026-01-01T00:00:00Z", Instant::parse);
  }

  static long hex(JsonNode o, String path, String name) throws StatusFormatException {
    return parsed(o, path, name, "at most 16 hex digits", t -> {
      if (!t.matches("[0-9a-fA-F]{1,16}")) {
        throw new IllegalArgumentException(t);
      }
      return Long.parseUnsignedLong(t, 16);
    });
  }

  private static <T> T parsed(JsonNode o, String path, String name, String expected, Function<String, T> parser)
      throws StatusFormatException {
    String t = text(o, path, name);
    try {
      return parser.apply(t);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new StatusFormatException(path + "." + name + ": expected " + expected + ", got '" + t + "'");
    }
  }
}
