package io.cuttle.controller.topology.ospf.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.controller.topology.ospf.lsa.Ipv4;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to a JSON-lines file, one object per line:
 * {@code {"at":"2026-11-23T10:00:00.123Z","nanos":123,"kind":"UPDATE","area":"0.0.0.0","lsa":"<hex>"}}.
 * Each line is flushed at once so a crash loses nothing already seen. A write failure is logged
 * once and recording stops; it never disturbs the provider.
 */
public final class LsaEventRecorder implements LsaEventSink {
  private static final Logger log = LoggerFactory.getLogger(LsaEventRecorder.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private BufferedWriter out;

  public LsaEventRecorder(Path file) throws IOException {
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void record(LsaEvent e) {
    if (out == null) {
      return;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("at", e.at().toString());
    n.put("nanos", e.nanos());
    n.put("kind", e.kind().name());
    n.put("area", Ipv4.text(e.area()));
    if (e.lsa().length > 0) {
      n.put("lsa", HexFormat.of().formatHex(e.lsa()));
    }
    try {
      out.write(n.toString());
      out.newLine();
      out.flush();
    } catch (IOException ex) {
      log.error("recording to {} failed; recording stops: {}", file, ex.toString());
      close();
    }
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // already failing: nothing more to save
      }
      out = null;
    }
  }
}
