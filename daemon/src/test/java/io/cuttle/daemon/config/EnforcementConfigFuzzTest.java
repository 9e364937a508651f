package io.cuttle.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.ConfigException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random edits of a valid {@code enforcement} mapping (deleted, inserted and replaced characters,
 * duplicated and deleted lines) must give a configuration whose names the adapter accepts, or a
 * ConfigException with located diagnostics; never another exception. Seeded; the seed and the
 * input are in a failure message.
 */
class EnforcementConfigFuzzTest {
  private static final String ALPHABET = " \n\t:-{}[],#&*!|>'\"%@`0123456789abcxyzAGMk./_";
  private static final String VALID = """
      host-id: h2
      enforcement:
        adapter: linux
        nft-table: cuttle_h2
        cgroup-parent: cuttle/h2
        interfaces: [eth1, veth-h2]
        tc-major: 0xc8
        ifb: h2-ifb0
        netns: /run/netns/h2
        policy-prefix: cuttleh2
      """;

  @Test
  void mutatedEnforcementSectionsNeverCrashTheReader() {
    for (long seed = 0; seed < 3000; seed++) {
      String input = mutate(VALID, new SplittableRandom(seed));
      try {
        DaemonConfig c = DaemonConfigReader.parse("fuzz.yaml", input);
        c.enforcementNames().settings(s -> { }); // what the reader accepted, the adapter accepts
      } catch (ConfigException e) {
        assertThat(e.diagnostics()).isNotEmpty().allSatisfy(x -> assertThat(x.location().line()).isPositive());
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("seed " + seed + " crashed the reader on:\n" + input, e);
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
