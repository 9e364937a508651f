package io.cuttle.daemon.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.fake.RecordingAdapter;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Attribution;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class EnforcementBridgeTest {
  private final RecordingAdapter adapter = new RecordingAdapter();
  private final AtomicReference<HostSnapshot> host = new AtomicReference<>(snapshot(Map.of("backup", Set.of(100),
      "browser", Set.of(200))));

  @Test
  void reconcilesOnANewDesiredStateAndWhenARestrictedAppGainsAProcess() throws Exception {
    try (EnforcementBridge bridge = new EnforcementBridge(adapter, host::get,
        Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(20), Duration.ofHours(1), Duration.ofHours(1))) {
      assertThat(adapter.calls()).as("nothing before the handlers speak or the grace ends").isEmpty();
      bridge.apply(DesiredState.combining(List.of(AppRestriction.of("backup").withMaxUp(1_000_000))));
      await(() -> adapter.calls().size() == 1);
      assertThat(adapter.calls().get(0).processes().pidsByApp()).as("only restricted apps' processes")
          .containsOnlyKeys("backup");
      assertThat(bridge.latest().orElseThrow().outcomes()).singleElement()
          .satisfies(o -> assertThat(o.outcome()).isEqualTo(RestrictionOutcome.APPLIED));

      host.set(snapshot(Map.of("backup", Set.of(100), "browser", Set.of(200, 201)))); // unrestricted app: no reconcile
      Thread.sleep(100);
      assertThat(adapter.calls()).hasSize(1);
      host.set(snapshot(Map.of("backup", Set.of(100, 101), "browser", Set.of(200))));
      await(() -> adapter.calls().size() == 2);
      assertThat(adapter.calls().get(1).processes().pidsOf("backup")).containsExactly(100L, 101L);
    }
  }

  @Test
  void theFlowsAnAppWasSeenUsingGoAlongButTheirChangesAloneCallForNoReconcile() throws Exception {
    host.set(withFlow(40000));
    try (EnforcementBridge bridge = new EnforcementBridge(adapter, host::get,
        Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(20), Duration.ofHours(1), Duration.ofHours(1))) {
      bridge.apply(DesiredState.combining(List.of(AppRestriction.of("backup").withBlock())));
      await(() -> adapter.calls().size() == 1);
      assertThat(adapter.calls().get(0).processes().flowsOf("backup")).extracting(FlowKey::localPort)
          .containsExactly(40000);
      assertThat(adapter.calls().get(0).processes().flowsByApp()).containsOnlyKeys("backup");

      host.set(withFlow(40001)); // same processes, another flow
      Thread.sleep(100);
      assertThat(adapter.calls()).hasSize(1);
    }
  }

  private static HostSnapshot withFlow(int localPort) throws Exception {
    FlowKey key = new FlowKey(Protocol.TCP, InetAddress.getByName("10.0.0.1"), localPort,
        InetAddress.getByName("10.0.0.2"), 443);
    FlowRecord flow = new FlowRecord(key, new Attribution("backup", "alice", OptionalInt.of(100)), Traffic.ZERO,
        Instant.EPOCH, Instant.EPOCH);
    return new HostSnapshot("h1", Instant.EPOCH, Duration.ofSeconds(1), List.of(
        new AppUsage("backup", "bulk", Set.of("alice"), Set.of(100), Traffic.ZERO, Rate.ZERO, List.of(flow, flow)),
        new AppUsage("browser", "web", Set.of("alice"), Set.of(200), Traffic.ZERO, Rate.ZERO, List.of(flow))),
        List.of());
  }

  @Test
  void afterTheGraceWithoutHandlersItReconcilesToNothingRestricted() throws Exception {
    try (EnforcementBridge bridge = new EnforcementBridge(adapter, host::get,
        Executors.newSingleThreadScheduledExecutor(), Duration.ofMillis(20), Duration.ofHours(1), Duration.ofMillis(50))) {
      await(() -> adapter.calls().size() == 1);
      assertThat(adapter.calls().get(0).desired().isEmpty()).isTrue();
      assertThat(bridge.adapterName()).isEqualTo(adapter.name());
    }
  }

  private static HostSnapshot snapshot(Map<String, Set<Integer>> pids) {
    return new HostSnapshot("h1", Instant.EPOCH, Duration.ofSeconds(1), pids.entrySet().stream()
        .map(e -> new AppUsage(e.getKey(), "bulk", Set.of("alice"), e.getValue(), Traffic.ZERO, Rate.ZERO, List.of()))
        .toList(), List.of());
  }

  private static void await(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
