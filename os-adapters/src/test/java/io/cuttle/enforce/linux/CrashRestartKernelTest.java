package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter runs in a child JVM and is killed with SIGKILL while restrictions are in place; a new
 * one starts with a different desired state. The kernel must then hold exactly the new state.
 */
class CrashRestartKernelTest {
  private static NetnsLab lab;
  private static final List<Process> CHILDREN = new ArrayList<>();

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("r", 14);
  }

  @AfterAll
  static void down() throws InterruptedException {
    for (Process p : CHILDREN) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void afterKillNineAndRestartWithANewStateTheKernelHoldsExactlyTheNewState() throws Exception {
    long p1 = lab.sleeper();
    long p2 = lab.sleeper();
    long p3 = lab.sleeper();
    long p4 = lab.sleeper();
    Process first = child("a1:" + p1 + ":up=5000000", "a2:" + p2 + ":block", "a3:" + p3 + ":dscp=10:up=1000000");
    assertThat(ready(first)).contains("a1 LIMIT_UP APPLIED", "a2 BLOCK APPLIED", "a3 MARK APPLIED");
    assertThat(slugsInTable()).containsExactly("a1", "a2", "a3");
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    Process second = child("a1:" + p1 + ":up=20000000", "a4:" + p4 + ":up=2000000:block");
    List<String> out = ready(second);
    second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    assertThat(out).contains("a1 LIMIT_UP APPLIED", "a4 BLOCK APPLIED", "a2 BLOCK REVERTED", "a3 MARK REVERTED");
    String table = lab.inA("nft", "list", "table", "inet", lab.table()).stdout();
    assertThat(slugsInTable()).containsExactly("a1", "a4");
    assertThat(kinds(table)).containsExactlyInAnyOrder("a1:cgroup", "a1:open4", "a1:open6", "a1:limit", "a4:cgroup",
        "a4:open4", "a4:open6", "a4:block", "a4:block", "a4:limit");
    List<String> classes = lab.inA("tc", "class", "show", "dev", lab.devA).stdout().lines()
        .map(l -> l.replaceAll(".*class htb (\\S+) .* rate (\\S+) .*", "$1 $2")).sorted().toList();
    assertThat(classes).hasSize(2).anyMatch(c -> c.endsWith(" 20Mbit")).anyMatch(c -> c.endsWith(" 2Mbit"));
    assertThat(cgroupDirs()).containsExactly("a1", "a4");
    assertThat(cgroupOf(p2)).isEqualTo("0::/");
    assertThat(cgroupOf(p3)).isEqualTo("0::/");
    assertThat(cgroupOf(p1)).isEqualTo("0::/" + NetnsLab.PREFIX + "-test/r/a1");

    LinuxEnforcer cleaner = lab.enforcer();
    cleaner.reconcile(DesiredState.empty(), AppProcesses.none());
    assertThat(lab.inA("nft", "list", "table", "inet", lab.table()).ok()).isFalse();
    assertThat(lab.inA("tc", "qdisc", "show", "dev", lab.devA, "root").stdout()).contains("noqueue");
    assertThat(Files.exists(lab.cgroupParent())).isFalse();
  }

  private static Process child(String... apps) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Dcuttle.test.prefix=" + NetnsLab.PREFIX, "-cp",
        System.getProperty("java.class.path"), EnforcerMain.class.getName(), "r", lab.nsA, lab.devA));
    cmd.addAll(List.of(apps));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CHILDREN.add(p);
    return p;
  }

  private static List<String> ready(Process p) throws IOException {
    List<String> lines = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null && !line.equals("READY")) {
      lines.add(line);
    }
    assertThat(line).as("child said READY; it printed %s", lines).isEqualTo("READY");
    return lines.stream().map(l -> String.join(" ", List.of(l.split(" ")).subList(0, Math.min(3, l.split(" ").length))))
        .toList();
  }

  /** The per-rule comments {@code app:kind} of the table (set elements carry {@code kinds=} and are skipped). */
  private static List<String> kinds(String table) {
    return table.lines().filter(l -> l.contains("comment \"app=") && l.contains(" kind="))
        .map(l -> l.replaceAll(".*comment \"app=(\\S+) class=\\d+ kind=(\\S+)\".*", "$1:$2")).toList();
  }

  private static Set<String> slugsInTable() {
    return kinds(lab.inA("nft", "list", "table", "inet", lab.table()).stdout()).stream().map(k -> k.split(":")[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }


  private static Set<String> cgroupDirs() throws IOException {
    try (Stream<Path> s = Files.list(lab.cgroupParent())) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static String cgroupOf(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup")).stream().filter(l -> l.startsWith("0::"))
        .findFirst().orElse("");
  }
}
