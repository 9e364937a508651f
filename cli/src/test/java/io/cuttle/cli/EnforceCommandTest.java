package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EnforceCommandTest {
  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new CuttleCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void providersListsEveryProviderWithWhyAndTheChoice() {
    Run r = run("enforce", "providers", "--adapter", "dry-run");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("dry-run (priority 0): chosen, available")
        .contains("windows (priority 10): passed over").contains("chosen: dry-run");
  }

  @Test
  void clearWithTheDryRunAdapterChangesNothingAndSaysSo() {
    Run r = run("enforce", "clear", "--adapter", "dry-run");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("dry-run: nothing restricted");
  }

  @Test
  void anUnknownAdapterIsAnErrorNamingIt() {
    Run r = run("enforce", "clear", "--adapter", "plan9");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("expected a usable adapter named 'plan9', got none");
  }
}
