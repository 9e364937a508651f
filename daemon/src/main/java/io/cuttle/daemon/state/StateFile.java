package io.cuttle.daemon.state;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.netstate.wire.WireFormatException;
import io.cuttle.wire.v1.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's state on disk: {@code <state-dir>/state.pb}, one {@code cuttle.v1.Snapshot} in
 * protobuf's length-delimited form (a varint byte count, then the message), so that a truncated
 * file is told apart from a shorter valid one.
 *
 * <p>Writes are atomic: a temporary file in the same directory is written and fsynced, then
 * renamed over {@code state.pb}, and the directory is fsynced. Loading never throws: a file
 * that is truncated or does not decode is logged, moved aside to {@code state.pb.corrupt} and
 * reported as {@link StateFileLoad.Corrupt}, so the daemon starts empty instead of crashing.
 */
public final class StateFile {
  public static final String FILE_NAME = "state.pb";
  public static final String CORRUPT_SUFFIX = ".corrupt";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final Logger log = LoggerFactory.getLogger(StateFile.class);

  private final Path dir;
  private final Path file;

  public StateFile(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.file = dir.resolve(FILE_NAME);
  }

  public Path path() {
    return file;
  }

  /** Reads the state file; see the class comment. */
  public StateFileLoad load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new StateFileLoad.Missing(file);
    } catch (AccessDeniedException e) {
      log.warn("cannot read state file {}: permission denied; starting with no state", file);
      return new StateFileLoad.Unreadable(file, "permission denied");
    } catch (IOException e) {
      log.warn("cannot read state file {}: {}; starting with no state", file, e.toString());
      return new StateFileLoad.Unreadable(file, e.toString());
    }
    try {
      return new StateFileLoad.Loaded(file, decode(bytes));
    } catch (WireFormatException e) {
      Optional<Path> moved = moveAside();
      log.error("state file {} is corrupt ({}); {} and starting with no state", file, e.getMessage(),
          moved.map(p -> "moved it to " + p).orElse("could not move it aside"));
      return new StateFileLoad.Corrupt(file, e.getMessage(), moved);
    }
  }

  /** Writes {@code state} atomically (see the class comment). */
  public synchronized void write(NetworkState state) throws IOException {
    byte[] bytes = encode(state);
    Files.createDirectories(dir);
    Path temp = dir.resolve(FILE_NAME + TEMP_SUFFIX);
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
  }

  /** The bytes {@link #write} puts on disk. */
  public static byte[] encode(NetworkState state) {
    Snapshot snapshot = WireCodec.snapshot(state);
    ByteArrayOutputStream out = new ByteArrayOutputStream(snapshot.getSerializedSize() + 5);
    try {
      snapshot.writeDelimitedTo(out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Decodes the contents of a state file; the message says what is wrong with it. */
  public static NetworkState decode(byte[] bytes) throws WireFormatException {
    if (bytes.length == 0) {
      throw new WireFormatException("the file is empty; expected a length-prefixed cuttle.v1.Snapshot");
    }
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    int length;
    try {
      length = in.readUInt32();
    } catch (IOException e) {
      throw new WireFormatException("the length prefix is malformed: " + e.getMessage(), e);
    }
    int offset = in.getTotalBytesRead();
    int actual = bytes.length - offset;
    if (length < 0 || length != actual) {
      throw new WireFormatException("expected " + Integer.toUnsignedString(length) + " bytes of snapshot after the"
          + " length prefix, got " + actual + (actual < Integer.toUnsignedLong(length) ? " (truncated)" : ""));
    }
    Snapshot snapshot;
    try {
      snapshot = Snapshot.parseFrom(ByteBuffer.wrap(bytes, offset, length));
    } catch (InvalidProtocolBufferException e) {
      throw new WireFormatException("not a cuttle.v1.Snapshot: " + e.getMessage(), e);
    }
    return WireCodec.state(snapshot);
  }

  private Optional<Path> moveAside() {
    Path target = dir.resolve(FILE_NAME + CORRUPT_SUFFIX);
    try {
      Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(target);
    } catch (IOException e) {
      log.warn("cannot move corrupt state file {} to {}: {}", file, target, e.toString());
      return Optional.empty();
    }
  }

  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or sync a directory; the rename itself is still atomic.
      log.debug("cannot fsync directory {}: {}", dir, e.toString());
    }
  }
}
