package io.cuttle.controller.topology.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.ConfigException;
import io.cuttle.controller.ControllerConfigParser;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random edits of valid files (deleted, duplicated and replaced characters and lines) must give a
 * spec or a ConfigException with located diagnostics, never another exception. Seeded, so a
 * failure is reproducible; the seed and the input are in the failure message.
 */
class TopologyFileParserFuzzTest {
  private static final String ALPHABET = " \n\t:-{}[],#&*!|>'\"%@`0123456789abcxyzAGM./_";
  private static final String CONTROLLER_YAML = """
      listen: 127.0.0.1:7420
      metrics-listen: off
      topology: {source: file, path: t.yaml, poll-interval: 2s}
      history: 4096
      subscriber-buffer: 1024
      heartbeat: 5s
      lineage-id: 5eed1e55
      """;

  @Test
  void mutatedTopologiesNeverCrashTheParser() {
    String example = ExampleTopology.text();
    for (long seed = 0; seed < 1500; seed++) {
      String input = mutate(example, new SplittableRandom(seed));
      try {
        TopologyFileParser.parse("fuzz.yaml", input);
      } catch (ConfigException e) {
        assertThat(e.diagnostics()).allSatisfy(x -> assertThat(x.location().line()).isPositive());
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " crashed the parser on:\n" + input, e);
      }
    }
  }

  @Test
  void mutatedControllerConfigsNeverCrashTheParser() {
    for (long seed = 0; seed < 1500; seed++) {
      String input = mutate(CONTROLLER_YAML, new SplittableRandom(seed));
      try {
        ControllerConfigParser.parse("fuzz.yaml", input);
      } catch (ConfigException e) {
        assertThat(e.diagnostics()).isNotEmpty();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " crashed the parser on:\n" + input, e);
      }
    }
  }

  private static String mutate(String text, SplittableRandom random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(6);
    for (int i = 0; i < edits && !s.isEmpty(); i++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        default -> {
          int start = s.lastIndexOf("\n", at) + 1;
          int end = s.indexOf("\n", at);
          String line = s.substring(start, end < 0 ? s.length() : end + 1);
          if (random.nextBoolean()) {
            s.insert(start, line);
          } else {
            s.delete(start, start + line.length());
          }
        }
      }
    }
    return s.toString();
  }
}
