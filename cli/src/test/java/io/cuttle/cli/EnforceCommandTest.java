package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EnforceCommandTest {
  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CuttleCommand.commandLine();
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

  @Test
  void clearWithAConfigUsesItsAdapterAndNames(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("h2.yaml");
    Files.writeString(yaml, "enforcement:\n  adapter: dry-run\n  nft-table: h2_table\n  cgroup-parent: cuttle-h2\n");

    Run r = run("enforce", "clear", "--config", yaml.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("dry-run: nothing restricted");
  }

  @Test
  void aBadConfigIsReportedWithTheReadersDiagnosticsAndExitCode2(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("h2.yaml");
    Files.writeString(yaml, "host-id: h2\nenforcement:\n  adapter: linux\n  tc-major: 0x8000\n  nft-tabel: x\n");

    Run r = run("enforce", "clear", "--config", yaml.toString());

    assertThat(r.code()).isEqualTo(CuttleCommand.USAGE);
    assertThat(r.err()).contains("h2.yaml:4:13: enforcement.tc-major: expected a tc handle major 1..0x7fff")
        .contains("got '0x8000' (out of range)").contains("nft-tabel");
    assertThat(r.out()).doesNotContain("nothing restricted");
  }

  @Test
  void aMissingConfigFileIsAUsageErrorNamingIt(@TempDir Path dir) {
    Run r = run("enforce", "clear", "-c", dir.resolve("absent.yaml").toString());

    assertThat(r.code()).isEqualTo(CuttleCommand.USAGE);
    assertThat(r.err()).contains("absent.yaml");
  }
}
