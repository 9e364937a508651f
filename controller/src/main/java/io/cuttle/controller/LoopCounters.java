package io.cuttle.controller;

import io.cuttle.controller.store.StateListener;
import io.cuttle.controller.topology.ospf.record.LsaEvent;
import io.cuttle.controller.topology.ospf.record.LsaEventSink;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.NetworkState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * The controller's counters of the loop's input and output: LSA events the live OSPF provider
 * received ({@code cuttle_controller_lsa_events_total{kind="update"|"delete"|"reset"|"synced"}}) and
 * deltas committed to the state, by event kind ({@code cuttle_controller_deltas_committed_total}).
 */
final class LoopCounters implements StateListener {
  private final MeterRegistry registry;

  LoopCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void committed(NetworkState state, List<Delta> deltas) {
    for (Delta d : deltas) {
      Counter.builder("cuttle.controller.deltas.committed").tag("kind", d.event().kind())
          .description("Deltas committed to the network state, by event kind").register(registry).increment();
    }
  }

  /** {@code sink}, counting every LSA event on the way. */
  LsaEventSink counting(LsaEventSink sink) {
    return new LsaEventSink() {
      @Override
      public void record(LsaEvent event) {
        Counter.builder("cuttle.controller.lsa.events").tag("kind", event.kind().name().toLowerCase(Locale.ROOT))
            .description("LSA events received from the OSPF API, by kind").register(registry).increment();
        sink.record(event);
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }
}
