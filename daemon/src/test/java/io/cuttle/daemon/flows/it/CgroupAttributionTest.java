package io.cuttle.daemon.flows.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.cuttle.daemon.config.AppRule;
import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.FlowAccounting;
import io.cuttle.daemon.flows.FlowsStarter;
import io.cuttle.daemon.flows.FlowsStatus;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.proc.CgroupMount;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.HostSnapshot;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that live well under a millisecond, so short that no {@code /proc} scan finds their
 * process, in namespaces {@code cg-a} (accounted) and {@code cg-b} (server) and cgroups
 * {@code cg-app} / {@code cg-mixed} the test creates under the host's cgroup2 mount and removes
 * again: a client alone in its cgroup gets its bytes through the cgroup; a client sharing its
 * cgroup with another app does not (unknown, never the other app). Needs root and cgroup v2.
 */
class CgroupAttributionTest {
  private static final String PY = "/usr/bin/python3";
  private static final int CONNECTIONS = 200;
  private static final int SIZE = 1000;
  private static NetnsLab lab;
  private static Path scripts;
  private static Path mount;

  private FlowAccounting acc;

  @BeforeAll
  static void lab(@TempDir Path dir) throws Exception {
    assumeThat(NetnsLab.isRoot()).as("these tests create network namespaces and cgroups and need root").isTrue();
    Optional<Path> m = CgroupMount.ofThisHost();
    assumeThat(m).as("a cgroup2 hierarchy is mounted").isPresent();
    mount = m.get();
    lab = NetnsLab.create("cg");
    scripts = dir;
    for (String s : List.of("sink_server.py", "shortconn.py")) {
      try (InputStream in = CgroupAttributionTest.class.getResourceAsStream("/flows/" + s)) {
        Files.write(dir.resolve(s), in.readAllBytes());
      }
    }
    lab.start(lab.b, PY, scripts.resolve("sink_server.py").toString(), NetnsLab.B_ADDR, "7100");
    lab.awaitListening(lab.b, 7100);
  }

  @AfterAll
  static void teardown() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void startAccounting() {
    List<AppRule> apps = List.of(new AppRule("shortconn", Optional.of("/usr/bin/python3*"),
        Optional.of(Pattern.compile("shortconn")), Optional.empty(), Optional.empty(), "interactive"));
    FlowsConfig cfg = FlowsConfig.defaults(true).withNetns(Optional.of(lab.netnsA())).withApps(apps)
        .withInterval(Duration.ofMillis(250));
    FlowsStarter.Started s = FlowsStarter.start(cfg, "cg-host", Clock.systemUTC(), true);
    assertThat(s.status().state()).as(s.status().detail()).isEqualTo(FlowsStatus.State.RUNNING);
    acc = s.accounting().orElseThrow();
  }

  @AfterEach
  void stopAccounting() {
    if (acc != null) {
      acc.close();
    }
  }

  @Test
  void subMillisecondConnectionsOfAClientAloneInItsCgroupGoToItsApp() throws Exception {
    try (TestCgroup cg = TestCgroup.create(mount, "cg-app")) {
      long sent = runClient(cg);
      HostSnapshot end = settle();
      AppUsage app = end.app("shortconn").orElseThrow(() -> new AssertionError("no shortconn in " + end + why()));
      assertThat(app.users()).containsExactly("root");
      // A socket closed before any dump saw it alive has no known cgroup and stays unknown. On a
      // loaded 2-core machine that was 0-30% of these connections (see BENCHMARKS.md); without
      // the cgroup it is over 95%. So: most through the cgroup, none to anyone else.
      assertThat((double) app.total().bytesUp()).as(why()).isGreaterThanOrEqualTo(0.5 * sent);
      // Kernel counters count each connection's FIN as a byte acked: up to 1% above what was sent.
      assertThat((double) app.total().bytesUp()).as("never more than the client sent").isLessThanOrEqualTo(1.01 * sent);
      long others = end.apps().stream().filter(a -> !a.app().equals("shortconn") && !a.app().equals(Attribution.UNKNOWN))
          .mapToLong(a -> a.total().bytes()).sum();
      assertThat(others).as("bytes given to any other app").isZero();
      assertThat(acc.bytesByMethod().getOrDefault(Owner.Method.CGROUP, 0L)).as("bytes found through the cgroup "
          + acc.bytesByMethod()).isPositive();
    }
  }

  @Test
  void subMillisecondConnectionsInACgroupOfTwoAppsStayUnknown() throws Exception {
    try (TestCgroup cg = TestCgroup.create(mount, "cg-mixed")) {
      lab.start(lab.a, cg.wrap("/bin/sleep", "60").toArray(String[]::new));
      cg.awaitMembers(1);
      long sent = runClient(cg);
      HostSnapshot end = settle();
      assertThat(end.app("sleep")).as("the other app of the cgroup gets nothing").isEmpty();
      long shortconn = end.app("shortconn").map(a -> a.total().bytesUp()).orElse(0L);
      long unknown = end.app(Attribution.UNKNOWN).map(a -> a.total().bytesUp()).orElse(0L);
      assertThat((double) shortconn + unknown).as("every byte is the client's or unknown")
          .isBetween((double) sent, 1.01 * sent);
      Map<Owner.Method, Long> methods = acc.bytesByMethod();
      assertThat(methods.getOrDefault(Owner.Method.CGROUP, 0L)).as("nothing through the mixed cgroup " + methods)
          .isZero();
      assertThat(acc.unknownBytesByReason()).as("the connections the resolver missed were asked about their cgroup")
          .containsKey(Owner.Reason.CGROUP_MIXED_APPS);
    }
  }

  /** Runs the client in {@code cg}: CONNECTIONS connections of SIZE bytes, each closed at once. */
  private long runClient(TestCgroup cg) throws Exception {
    Process client = lab.start(lab.a, cg.wrap(PY, scripts.resolve("shortconn.py").toString(), NetnsLab.B_ADDR,
        "7100", Integer.toString(CONNECTIONS), Integer.toString(SIZE), "0").toArray(String[]::new));
    long sent = Long.parseLong(new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    assertThat(client.waitFor()).isZero();
    assertThat(sent).isEqualTo((long) CONNECTIONS * SIZE);
    return sent;
  }

  /** Lets destroy events catch up, then ticks. */
  private HostSnapshot settle() throws InterruptedException {
    Thread.sleep(600);
    return acc.tick();
  }

  private String why() {
    return "; unknown bytes by reason " + acc.unknownBytesByReason() + ", by method " + acc.bytesByMethod()
        + ", destroyed unseen " + acc.destroyedUnseen() + ", capture " + acc.captureStats();
  }
}
