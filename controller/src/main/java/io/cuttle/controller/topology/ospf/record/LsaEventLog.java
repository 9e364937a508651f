package io.cuttle.controller.topology.ospf.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads a file written by {@link LsaEventRecorder}; every bad line is a diagnostic with its line number. */
public final class LsaEventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LsaEventLog() {}

  /** @throws ConfigException listing every unreadable line (the file is not used then) */
  public static List<LsaEvent> read(Path file) throws IOException, ConfigException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<LsaEvent> events = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Location at = new Location(file.toString(), i + 1, 1);
      try {
        events.add(parse(JSON.readTree(line)));
      } catch (IOException | IllegalArgumentException | NullPointerException e) {
        problems.add(new Diagnostic(at, "", "expected an LSA event object, got: " + e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return events;
  }

  private static LsaEvent parse(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("a " + n.getNodeType());
    }
    LsaEvent.Kind kind = LsaEvent.Kind.valueOf(text(n, "kind"));
    byte[] lsa = n.hasNonNull("lsa") ? HexFormat.of().parseHex(n.get("lsa").asText()) : new byte[0];
    if ((kind == LsaEvent.Kind.UPDATE || kind == LsaEvent.Kind.DELETE) && lsa.length == 0) {
      throw new IllegalArgumentException("field lsa: expected hex bytes for " + kind + ", got nothing");
    }
    if (!n.path("nanos").isIntegralNumber()) {
      throw new IllegalArgumentException("field nanos: expected an integer, got " + n.path("nanos"));
    }
    return new LsaEvent(Instant.parse(text(n, "at")), n.get("nanos").asLong(), kind, Ipv4.parse(text(n, "area")), lsa);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field " + field + ": expected text, got " + (v == null ? "nothing" : v));
    }
    return v.asText();
  }
}
