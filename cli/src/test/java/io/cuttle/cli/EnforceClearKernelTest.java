package io.cuttle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.linux.LinuxProvider;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cuttle enforce clear --config FILE} against a real kernel: a Linux adapter with a second
 * daemon's names installs shaping (nft table, HTB classes, IFB, app cgroup) in a namespace of
 * this test, then the command with that daemon's {@code daemon.yaml} removes all of it, and leaves
 * a table with the default name in the same namespace alone. Every name carries the prefix
 * {@code cuttle.test.prefix} (default {@code cl}).
 */
class EnforceClearKernelTest {
  private static final String PREFIX = System.getProperty("cuttle.test.prefix", "cl");
  private static final String NS = PREFIX + "-h2";
  private static final String DEV = PREFIX + "-h2a0";
  private static final String PEER = PREFIX + "-h2b0";
  private static final String IFB = PREFIX + "-h2ifb";
  private static final String TABLE = PREFIX + "_h2";
  private static final String CGROUP = PREFIX + "-cli-h2";
  private static final int TC_MAJOR = 0x7e2;

  private final List<Process> processes = new ArrayList<>();
  private Path cgroupRoot;

  @BeforeEach
  void up() throws Exception {
    assumeTrue(new LinuxProvider().isAvailable(),
        () -> "kernel test needs root, cgroup2, nft, tc, ip: " + new LinuxProvider().unavailabilityCause().orElse(""));
    cgroupRoot = cgroup2Root();
    down();
    sh("ip", "netns", "add", NS);
    sh("ip", "link", "add", DEV, "netns", NS, "type", "veth", "peer", "name", PEER, "netns", NS);
    sh("ip", "-n", NS, "addr", "add", "10.206.230.1/24", "dev", DEV);
    sh("ip", "-n", NS, "link", "set", DEV, "up");
    sh("ip", "-n", NS, "link", "set", PEER, "up");
    // a table with the default name, as a daemon with default names in this namespace would own
    sh("ip", "netns", "exec", NS, "nft", "add", "table", "inet", "cuttle");
  }

  @AfterEach
  void down() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    processes.clear();
    run("ip", "netns", "del", NS);
    run("ip", "link", "del", IFB);
    if (cgroupRoot != null) {
      Path parent = cgroupRoot.resolve(CGROUP);
      if (Files.isDirectory(parent)) {
        try (var s = Files.list(parent)) {
          for (Path d : s.filter(Files::isDirectory).toList()) {
            for (String pid : Files.readAllLines(d.resolve("cgroup.procs"))) {
              Files.writeString(cgroupRoot.resolve("cgroup.procs"), pid);
            }
            Files.deleteIfExists(d);
          }
        }
        Files.deleteIfExists(parent);
      }
    }
  }

  @Test
  void clearWithASecondDaemonsConfigRemovesEverythingItsAdapterInstalledAndNothingElse(@TempDir Path dir)
      throws Exception {
    Process app = start("nsenter", "--net=/run/netns/" + NS, "sleep", "600");
    EnforcementSettings h2 = new EnforcementSettings(TABLE, CGROUP, List.of(DEV), TC_MAJOR, IFB, Optional.of(NS),
        PREFIX + "h2", s -> { });
    try (EnforcementAdapter a = new LinuxProvider().create(h2)) {
      EnforcementReport rep = a.reconcile(
          DesiredState.combining(List.of(AppRestriction.of("web").withMaxUp(5_000_000).withMaxDown(3_000_000))),
          AppProcesses.of("web", Set.of(app.pid())));
      assertThat(rep.outcomeOf("web", ActionKind.LIMIT_UP)).isEqualTo(RestrictionOutcome.APPLIED);
    }
    assertThat(ns("nft", "list", "table", "inet", TABLE)).contains("meta priority set 7e2:");
    assertThat(ns("tc", "class", "show", "dev", DEV)).contains("class htb 7e2:").contains("rate 5Mbit");
    assertThat(ns("ip", "link", "show", IFB)).contains(IFB);
    assertThat(cgroupRoot.resolve(CGROUP).resolve("web")).isDirectory();

    Path yaml = dir.resolve("h2.yaml");
    Files.writeString(yaml, "host-id: h2\nenforcement:\n  adapter: linux\n  netns: " + NS + "\n  cgroup-parent: "
        + CGROUP + "\n  nft-table: " + TABLE + "\n  interfaces: [" + DEV + "]\n  tc-major: 0x7e2\n  ifb: " + IFB + "\n");
    Cli r = Cli.run("enforce", "clear", "--config", yaml.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("web LIMIT_UP REVERTED").contains("web LIMIT_DOWN REVERTED")
        .contains("linux-nft-tc: nothing restricted");
    assertThat(run("ip", "netns", "exec", NS, "nft", "list", "table", "inet", TABLE).ok).isFalse();
    assertThat(ns("tc", "qdisc", "show", "dev", DEV, "root")).contains("noqueue").doesNotContain("htb");
    assertThat(ns("tc", "class", "show", "dev", DEV)).isBlank();
    assertThat(run("ip", "netns", "exec", NS, "ip", "link", "show", IFB).ok).isFalse();
    assertThat(run("ip", "link", "show", IFB).ok).isFalse();
    assertThat(cgroupRoot.resolve(CGROUP)).doesNotExist();
    assertThat(Files.readString(Path.of("/proc", Long.toString(app.pid()), "cgroup"))).contains("0::/\n");
    assertThat(ns("nft", "list", "table", "inet", "cuttle")).as("the default-named table").contains("table inet cuttle");
  }

  private record Cli(int code, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cl = CuttleCommand.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new Cli(code, out.toString(), err.toString());
    }
  }

  private record Result(boolean ok, String out) {
  }

  private Process start(String... argv) throws IOException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    processes.add(p);
    return p;
  }

  private static String ns(String... argv) throws Exception {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NS));
    full.addAll(List.of(argv));
    Result r = run(full.toArray(String[]::new));
    assertThat(r.ok).as("%s: %s", full, r.out).isTrue();
    return r.out;
  }

  private static void sh(String... argv) throws Exception {
    Result r = run(argv);
    if (!r.ok) {
      throw new IllegalStateException("expected " + String.join(" ", argv) + " to succeed, got " + r.out);
    }
  }

  private static Result run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("expected " + String.join(" ", argv) + " to finish, got a hang");
    }
    return new Result(p.exitValue() == 0, out);
  }

  /** The cgroup2 mount point, from /proc/self/mountinfo (v2 alone or the hybrid layout's unified). */
  private static Path cgroup2Root() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String[] f = line.split(" ");
      int dash = List.of(f).indexOf("-");
      if (dash > 4 && dash + 1 < f.length && f[dash + 1].equals("cgroup2")) {
        return Path.of(f[4]);
      }
    }
    throw new IllegalStateException("expected a cgroup2 mount in /proc/self/mountinfo, got none");
  }
}
