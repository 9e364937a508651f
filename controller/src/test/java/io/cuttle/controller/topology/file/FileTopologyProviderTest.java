package io.cuttle.controller.topology.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.file.RecordingListener.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Polling is driven by a {@link ManualScheduler}: each {@code advance(INTERVAL)} is exactly one poll. */
class FileTopologyProviderTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final String ONE_LINK = """
      routers:
        - {name: r1, router-id: 10.0.0.1}
        - {name: r2, router-id: 10.0.0.2}
      links:
        - {name: l1, a: r1, b: r2, cost: 10}
      """;
  private static final String BROKEN = ONE_LINK.replace("cost: 10", "cost: 99999");

  @TempDir
  Path dir;
  private Path file;
  private final ManualScheduler scheduler = new ManualScheduler();
  private final RecordingListener listener = new RecordingListener();
  private FileTopologyProvider provider;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void setUp() {
    file = dir.resolve("topology.yaml");
    provider = new FileTopologyProvider(file, INTERVAL, scheduler);
    log.start();
    logger().addAppender(log);
  }

  @AfterEach
  void tearDown() {
    provider.close();
    logger().detachAppender(log);
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(FileTopologyProvider.class);
  }

  private static TopologySpec spec(String yaml) throws Exception {
    return TopologyFileParser.parse("x", yaml);
  }

  private void poll() {
    scheduler.advance(INTERVAL);
  }

  @Test
  void startDeliversTheSpecAndSchedulesPolls() throws Exception {
    Files.writeString(file, ONE_LINK);
    provider.start(listener);

    assertThat(listener.drain()).containsExactly(spec(ONE_LINK));
    assertThat(scheduler.pending()).singleElement().satisfies(t -> {
      assertThat(t.period()).isEqualTo(INTERVAL);
      assertThat(t.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(INTERVAL.toMillis());
    });
    assertThat(provider.name()).isEqualTo("file:" + file);
  }

  @Test
  void aChangeDeliversANewSpec() throws Exception {
    Files.writeString(file, ONE_LINK);
    provider.start(listener);
    listener.drain();

    String changed = ONE_LINK.replace("cost: 10", "cost: 20");
    Files.writeString(file, changed);
    poll();

    assertThat(listener.drain()).containsExactly(spec(changed));
  }

  @Test
  void brokenContentIsRejectedOnceAndRestoringItDeliversAgain() throws Exception {
    Files.writeString(file, ONE_LINK);
    provider.start(listener);
    listener.drain();

    Files.writeString(file, BROKEN);
    poll();
    List<Object> events = listener.drain();
    assertThat(events).singleElement().isInstanceOfSatisfying(Rejection.class, r -> {
      assertThat(r.source()).isEqualTo(file.toString());
      assertThat(r.problems()).extracting(Diagnostic::toString).containsExactly(
          file + ":5:36: links[0].cost: expected an integer 0..65535, got '99999'");
    });
    assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
        .contains("file:" + file + ": topology rejected with 1 problem(s); the previous topology stays in force")
        .contains("links[0].cost: expected an integer 0..65535, got '99999'"));

    poll();
    assertThat(listener.drain()).as("still broken, nothing new to say").isEmpty();

    Files.writeString(file, ONE_LINK);
    poll();
    assertThat(listener.drain()).containsExactly(spec(ONE_LINK));
  }

  @Test
  void unchangedContentDeliversNothing() throws Exception {
    Files.writeString(file, ONE_LINK);
    provider.start(listener);
    listener.drain();

    Files.writeString(file, ONE_LINK);
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 60_000));
    poll();
    poll();

    assertThat(listener.drain()).isEmpty();
  }

  @Test
  void aChangeIsSeenEvenWithTheSameSizeAndModificationTime() throws Exception {
    Files.writeString(file, ONE_LINK);
    FileTime mtime = Files.getLastModifiedTime(file);
    provider.start(listener);
    listener.drain();

    String sameSize = ONE_LINK.replace("cost: 10", "cost: 11");
    Files.writeString(file, sameSize);
    Files.setLastModifiedTime(file, mtime);
    poll();

    assertThat(listener.drain()).containsExactly(spec(sameSize));
  }

  @Test
  void missingFileIsRejectedUntilItAppears() throws Exception {
    provider.start(listener);
    assertThat(listener.drain()).singleElement().isInstanceOfSatisfying(Rejection.class, r ->
        assertThat(r.problems()).singleElement().satisfies(p -> {
          assertThat(p.location().line()).isEqualTo(1);
          assertThat(p.message()).startsWith("cannot read file: NoSuchFileException");
        }));
    poll();
    assertThat(listener.drain()).isEmpty();

    Files.writeString(file, ONE_LINK);
    poll();
    assertThat(listener.drain()).containsExactly(spec(ONE_LINK));
  }

  @Test
  void nonUtf8ContentIsRejected() throws Exception {
    Files.write(file, new byte[] {'r', 'o', (byte) 0xff, ':', '\n'});
    provider.start(listener);
    assertThat(listener.rejections()).singleElement().satisfies(r -> assertThat(r.problems())
        .extracting(Diagnostic::message).containsExactly("expected UTF-8 text, got bytes that are not UTF-8"
            + " (MalformedInputException)"));
  }

  @Test
  void aFailingListenerDoesNotStopPolling() throws Exception {
    Files.writeString(file, ONE_LINK);
    RecordingListener after = new RecordingListener();
    boolean[] fail = {true};
    provider.start(new TopologyProviderListener() {
      @Override
      public void specChanged(TopologySpec spec) {
        if (fail[0]) {
          fail[0] = false;
          throw new IllegalStateException("listener bug");
        }
        after.specChanged(spec);
      }

      @Override
      public void specRejected(String source, List<Diagnostic> problems) {
        after.specRejected(source, problems);
      }
    });

    String changed = ONE_LINK.replace("cost: 10", "cost: 30");
    Files.writeString(file, changed);
    poll(); // ManualScheduler rethrows what a task throws, so this also proves poll() does not throw
    assertThat(after.drain()).containsExactly(spec(changed));
    assertThat(log.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).endsWith("topology listener failed"));
  }

  @Test
  void closeStopsPolling() throws Exception {
    Files.writeString(file, ONE_LINK);
    provider.start(listener);
    listener.drain();
    provider.close();
    provider.close();

    Files.writeString(file, ONE_LINK.replace("cost: 10", "cost: 40"));
    poll();
    provider.poll();

    assertThat(listener.drain()).isEmpty();
    assertThat(scheduler.pending()).isEmpty();
    assertThatThrownBy(() -> provider.start(listener)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already closed");
  }

  @Test
  void rejectsANonPositiveInterval() {
    assertThatThrownBy(() -> new FileTopologyProvider(file, Duration.ZERO, scheduler))
        .hasMessage("poll interval must be positive, got PT0S");
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
  }
}
