package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Random apply/remove cycles against the real kernel (300 by default to keep CI short; {@code -Dce.cycles=1000}
 * for the full run). After
 * every cycle the kernel must hold exactly what the desired state asks: the table's apps, the HTB
 * classes and rates, the cgroups; after the last, nothing at all.
 */
class RandomCyclesKernelTest {
  private static final String[] APPS = {"c0", "c1", "c2", "c3", "c4", "c5"};
  private static NetnsLab lab;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("c", 15);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void randomCyclesLeaveExactlyTheDesiredStateAndFinallyNothing() throws IOException {
    int cycles = Integer.getInteger("ce.cycles", 300);
    Random rnd = new Random(42);
    AppProcesses procs = AppProcesses.none();
    for (String app : APPS) {
      procs = procs.with(app, Set.of(lab.sleeper()));
    }
    LinuxEnforcer e = lab.enforcer();
    long t0 = System.nanoTime();
    for (int i = 0; i < cycles; i++) {
      DesiredState want = randomState(rnd);
      e.reconcile(want, procs);
      assertMatches(want, "cycle " + i);
    }
    double perCycleMs = (System.nanoTime() - t0) / 1e6 / Math.max(1, cycles);
    e.reconcile(DesiredState.empty(), AppProcesses.none());
    System.out.printf("%d random cycles against the kernel, %.1f ms per cycle incl. the check%n", cycles, perCycleMs);

    assertThat(lab.inA("nft", "list", "table", "inet", lab.table()).ok()).isFalse();
    assertThat(lab.inA("tc", "class", "show", "dev", lab.devA).stdout()).isBlank();
    assertThat(lab.inA("tc", "qdisc", "show", "dev", lab.devA, "root").stdout()).contains("noqueue");
    assertThat(Files.exists(lab.cgroupParent())).isFalse();
  }

  private static DesiredState randomState(Random rnd) {
    List<AppRestriction> rs = new ArrayList<>();
    for (String app : APPS) {
      if (rnd.nextInt(3) == 0) {
        continue;
      }
      AppRestriction r = AppRestriction.of(app);
      if (rnd.nextBoolean()) {
        r = r.withMaxUp(1_000_000L * (1 + rnd.nextInt(100)));
      }
      if (rnd.nextInt(4) == 0) {
        r = r.withBlock();
      }
      if (rnd.nextInt(3) == 0) {
        r = r.withDscp(rnd.nextInt(64));
      }
      if (!r.isEmpty()) {
        rs.add(r);
      }
    }
    return DesiredState.combining(rs);
  }

  private static void assertMatches(DesiredState want, String when) throws IOException {
    String table = lab.inA("nft", "list", "table", "inet", lab.table()).stdout();
    Set<String> slugs = table.lines().filter(l -> l.contains("comment \"app=") && l.contains(" kind="))
        .map(l -> l.replaceAll(".*comment \"app=(\\S+) .*", "$1")).collect(Collectors.toCollection(TreeSet::new));
    assertThat(slugs).as(when + ": apps in the nft table").isEqualTo(want.byApp().keySet());
    Map<String, Long> rates = new TreeMap<>();
    want.byApp().values().forEach(r -> r.maxUpBps().ifPresent(b -> rates.put(r.app(), b)));
    List<Long> classes = lab.inA("tc", "class", "show", "dev", lab.devA).stdout().lines()
        .map(l -> l.replaceAll(".* rate (\\S+) .*", "$1")).map(s -> TcRates.parse(s).orElse(-1L)).sorted().toList();
    assertThat(classes).as(when + ": htb class rates").isEqualTo(rates.values().stream().sorted().toList());
    if (rates.isEmpty()) {
      assertThat(lab.inA("tc", "qdisc", "show", "dev", lab.devA, "root").stdout()).as(when).contains("noqueue");
    }
    Set<String> dirs = new TreeSet<>();
    if (Files.isDirectory(lab.cgroupParent())) {
      try (Stream<Path> s = Files.list(lab.cgroupParent())) {
        s.filter(Files::isDirectory).forEach(p -> dirs.add(p.getFileName().toString()));
      }
    }
    assertThat(dirs).as(when + ": app cgroups").isEqualTo(want.byApp().keySet());
  }
}
