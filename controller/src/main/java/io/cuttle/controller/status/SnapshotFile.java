package io.cuttle.controller.status;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.controller.status.StatusTable.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded store's file, {@code <data-dir>/host-status.json}: every host's latest status and
 * history as JSON. Written whole to a temporary file, synced, then renamed over the old one, so a
 * crash leaves either the previous or the new snapshot, never half of one.
 */
final class SnapshotFile {
  static final String FILE_NAME = "host-status.json";
  static final int FORMAT = 1;

  private final Path file;

  /** What reading the file found. */
  sealed interface Load {
    /** The file was read; these are its entries. */
    record Loaded(List<Entry> entries) implements Load {}

    /** There is no file yet (first start). */
    record Missing() implements Load {}

    /** The file could not be read or understood; it was moved aside to {@code movedTo}. */
    record Unreadable(String why, Path movedTo) implements Load {}
  }

  SnapshotFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  Path path() {
    return file;
  }

  /** Reads the file; an unreadable one is moved aside (so it is not overwritten) and reported. */
  Load load() throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new Load.Missing();
    }
    try {
      return new Load.Loaded(parse(StatusJson.MAPPER.readTree(bytes)));
    } catch (JacksonException | StatusFormatException e) {
      Path aside = file.resolveSibling(FILE_NAME + ".unreadable-" + System.nanoTime());
      Files.move(file, aside);
      String why = e instanceof JacksonException j ? "malformed JSON: " + j.getOriginalMessage() : e.getMessage();
      return new Load.Unreadable(why, aside);
    }
  }

  static List<Entry> parse(JsonNode root) throws StatusFormatException {
    long format = StatusJson.number(root, FILE_NAME, "format");
    if (format != FORMAT) {
      throw new StatusFormatException(FILE_NAME + ".format: expected " + FORMAT + ", got " + format);
    }
    List<Entry> out = new ArrayList<>();
    JsonNode hosts = StatusJson.field(root, FILE_NAME, "hosts");
    for (Entry e : StatusJson.list(hosts, FILE_NAME + ".hosts", (n, p) ->
        new Entry(StatusJson.readStatus(StatusJson.field(n, p, "status"), p + ".status"),
            StatusJson.readChanges(StatusJson.field(n, p, "history"), p + ".history")))) {
      out.add(e);
    }
    return out;
  }

  /** Replaces the file with {@code entries}. */
  void write(List<Entry> entries, Instant savedAt) throws IOException {
    ObjectNode root = StatusJson.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("savedAt", savedAt.toString());
    ArrayNode hosts = root.putArray("hosts");
    for (Entry e : entries) {
      ObjectNode h = hosts.addObject();
      h.set("status", StatusJson.status(e.latest()));
      h.set("history", StatusJson.changes(e.history()));
    }
    byte[] bytes = StatusJson.MAPPER.writeValueAsBytes(root);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
