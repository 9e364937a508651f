package io.cuttle.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.exec.RecordingCommandRunner;
import io.cuttle.host.enforce.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files for command plans: every command as {@code $ argv}, its stdin lines as {@code   | line},
 * then every outcome as {@code = app ACTION OUTCOME: detail}. Run with {@code -Dce.updateGolden=true} to
 * rewrite the files under src/test/resources/golden after a deliberate change, then review the diff.
 */
public final class PlanGolden {
  private PlanGolden() {
  }

  public static String render(List<RecordingCommandRunner.Call> calls, List<Outcome> outcomes) {
    StringBuilder b = new StringBuilder();
    for (RecordingCommandRunner.Call c : calls) {
      b.append("$ ").append(String.join(" ", c.argv())).append('\n');
      c.stdin().lines().forEach(l -> b.append("  | ").append(l).append('\n'));
    }
    for (Outcome o : outcomes) {
      b.append("= ").append(o.app()).append(' ').append(o.action()).append(' ').append(o.outcome()).append(": ")
          .append(o.detail()).append('\n');
    }
    return b.toString();
  }

  public static void assertMatches(String name, String actual) throws IOException {
    if (Boolean.getBoolean("ce.updateGolden")) {
      Path p = Path.of("src/test/resources/golden", name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, actual);
    }
    try (InputStream in = PlanGolden.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file golden/" + name + " (create it with -Dce.updateGolden=true)").isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual).as("plan vs golden/" + name).isEqualTo(expected);
    }
  }
}
