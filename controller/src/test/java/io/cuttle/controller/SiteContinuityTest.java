package io.cuttle.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.model.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site declared in the controller's annotations whose uplink fails and recovers (the topology
 * file loses and regains the link, as a WAN link failure does in OSPF): every committed version,
 * intermediate ones included, still holds the site, so a handler reading it never finds it gone.
 */
class SiteContinuityTest {
  private static final String MPLS = """
        - {name: branch-mpls, a: branch1, b: wan-hub, cost: 200}
      """;
  private static final String TOPOLOGY = """
      routers:
        - {name: core1, router-id: 10.255.0.1, areas: [0.0.0.0]}
        - {name: wan-hub, router-id: 10.255.0.10, areas: [0.0.0.0]}
        - {name: branch1, router-id: 10.255.2.1, areas: [0.0.0.0]}
      links:
        - {name: campus-wan1, a: core1, b: wan-hub, cost: 100}
      %s  - {name: branch-lte, a: branch1, b: wan-hub, cost: 2000}
      prefixes:
        - {prefix: 10.2.10.0/24, router: branch1, cost: 1}
      """;

  @TempDir
  Path dir;

  @Test
  void aSiteWhoseUplinkFailsAndRecoversIsInEveryCommittedVersion() throws Exception {
    Path file = dir.resolve("topology.yaml");
    Files.writeString(file, TOPOLOGY.formatted(MPLS));
    ControllerConfig config = ControllerConfigParser.parse("controller.yaml", """
        listen: 127.0.0.1:0
        metrics-listen: off
        topology: {source: file, path: "%s", poll-interval: 100ms}
        annotation-spread: 0s
        annotations:
          sites:
            - name: branch
              prefixes: [10.2.0.0/16]
              uplinks:
                - {link: branch-mpls, inside: branch1}
                - {link: branch-lte, inside: branch1}
        """.formatted(file));
    try (Controller c = Controller.start(config, Clock.systemUTC())) {
      await(() -> c.store().current().site("branch").map(s -> s.uplinks().size() == 2).orElse(false));
      NetworkState start = c.store().current();
      List<Delta> committed = new ArrayList<>();
      c.store().addListener((state, deltas) -> {
        synchronized (committed) {
          committed.addAll(deltas);
        }
      });

      writeAtomically(file, TOPOLOGY.formatted(""));
      await(() -> c.store().current().linkNamed("branch-mpls").isEmpty());
      assertThat(uplinkNames(c.store().current())).as("after the failure").containsExactly("branch-lte");

      writeAtomically(file, TOPOLOGY.formatted(MPLS));
      await(() -> c.store().current().site("branch").map(s -> s.uplinks().size() == 2).orElse(false));

      NetworkState s = start;
      List<Delta> all;
      synchronized (committed) {
        all = List.copyOf(committed);
      }
      assertThat(all).as("deltas of the failure and the recovery").hasSizeGreaterThan(2);
      for (Delta d : all) {
        s = s.apply(d);
        assertThat(s.site("branch")).as("site 'branch' in version %d (after %s)", s.version(), d.event()).isPresent();
      }
      assertThat(s).isEqualTo(c.store().current());
    }
  }

  private static List<String> uplinkNames(NetworkState s) {
    Site site = s.site("branch").orElseThrow();
    return site.uplinks().stream().map(u -> s.links().get(u.link()).name()).toList();
  }

  private static void writeAtomically(Path file, String text) throws Exception {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
