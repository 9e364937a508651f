package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TopologyProvider} that reads one topology file and polls it for changes.
 *
 * <p>{@link #start} reads the file in the calling thread, so the listener has the initial spec (or
 * a rejection) when it returns; after that the file is polled on the injected scheduler. A change
 * is detected by the SHA-256 of the content, not by modification time, so an edit within the same
 * second is seen and a touch without a change is not. Every new content is parsed once: a valid
 * file is delivered with {@code specChanged}; an invalid or unreadable one with
 * {@code specRejected} and a logged warning listing every problem, and the previous spec stays in
 * force. Polls never throw. Writers should replace the file atomically (write a temporary file,
 * then rename it) so that a half-written file is never read.
 */
public final class FileTopologyProvider implements TopologyProvider {
  /** Larger files are rejected without being parsed. */
  static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(FileTopologyProvider.class);

  private final Path file;
  private final Duration pollInterval;
  private final ScheduledExecutorService scheduler;

  // All guarded by this.
  private TopologyProviderListener listener;
  private ScheduledFuture<?> task;
  private boolean closed;
  private String lastFingerprint = "";

  /**
   * @param pollInterval time between the end of one poll and the start of the next; positive
   * @param scheduler    runs the polls; not shut down by {@link #close}
   */
  public FileTopologyProvider(Path file, Duration pollInterval, ScheduledExecutorService scheduler) {
    this.file = Objects.requireNonNull(file, "file");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, got " + pollInterval);
    }
  }

  @Override
  public String name() {
    return "file:" + file;
  }

  /** @throws IllegalStateException if already started or closed */
  @Override
  public synchronized void start(TopologyProviderListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (this.listener != null || closed) {
      throw new IllegalStateException(name() + " was already " + (closed ? "closed" : "started"));
    }
    this.listener = listener;
    poll();
    long millis = pollInterval.toMillis();
    task = scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads the file once and reports new content to the listener. Does nothing before
   * {@link #start} or after {@link #close}. Never throws.
   */
  synchronized void poll() {
    if (listener == null || closed) {
      return;
    }
    try {
      pollOnce();
    } catch (RuntimeException | StackOverflowError e) {
      log.error("{}: poll failed; the previous topology stays in force", name(), e);
    }
  }

  private void pollOnce() {
    byte[] content;
    try {
      content = readBounded();
    } catch (IOException e) {
      String problem = "cannot read file: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      if (changed("unreadable: " + problem)) {
        reject(List.of(new Diagnostic(new Location(file.toString(), 1, 1), "", problem)));
      }
      return;
    }
    if (!changed(sha256(content))) {
      return;
    }
    try {
      TopologySpec spec = TopologyFileParser.parse(file.toString(), decode(content));
      log.info("{}: topology accepted: {} routers, {} networks, {} links, {} prefixes, {} sites,"
              + " {} annotated links", name(), spec.routers().size(), spec.networks().size(),
          spec.links().size(), spec.prefixes().size(), spec.sites().size(), spec.annotations().size());
      callListener(() -> listener.specChanged(spec));
    } catch (ConfigException e) {
      reject(e.diagnostics());
    }
  }

  private boolean changed(String fingerprint) {
    if (fingerprint.equals(lastFingerprint)) {
      return false;
    }
    lastFingerprint = fingerprint;
    return true;
  }

  private void reject(List<Diagnostic> problems) {
    log.warn("{}: topology rejected with {} problem(s); the previous topology stays in force:\n  {}",
        name(), problems.size(), problems.stream().map(Diagnostic::toString).collect(Collectors.joining("\n  ")));
    callListener(() -> listener.specRejected(file.toString(), problems));
  }

  /** Calls the listener; its failure is logged and does not stop polling. */
  private void callListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("{}: topology listener failed", name(), e);
    }
  }

  private byte[] readBounded() throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IOException("expected at most " + MAX_FILE_BYTES + " bytes, got more");
      }
      return bytes;
    }
  }

  private String decode(byte[] content) throws ConfigException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of(new Diagnostic(new Location(file.toString(), 1, 1), "",
          "expected UTF-8 text, got bytes that are not UTF-8 (" + e.getClass().getSimpleName() + ")")));
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Stops polling; a poll in progress finishes first. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
