package io.cuttle.controller;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.ospf.OspfApiOptions;
import io.cuttle.controller.topology.ospf.OspfApiTopologyProvider;
import io.cuttle.controller.topology.ospf.record.LsaEventLog;
import io.cuttle.controller.topology.ospf.record.LsaEventRecorder;
import io.cuttle.controller.topology.ospf.record.LsaEventSink;
import io.cuttle.controller.topology.ospf.record.ReplayTopologyProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the OSPF topology providers a controller configuration names. */
final class OspfProviders {
  private OspfProviders() {}

  /** The live provider; fails with an IOException if the record file cannot be opened. */
  static TopologyProvider live(TopologySource.Ospf o, Clock clock, LoopCounters counters) throws IOException {
    LsaEventSink sink = counters.counting(
        o.record().isPresent() ? new LsaEventRecorder(o.record().get()) : LsaEventSink.NONE);
    InetSocketAddress api = new InetSocketAddress(o.api().host().isEmpty() ? "127.0.0.1" : o.api().host(),
        o.api().port());
    return new OspfApiTopologyProvider(OspfApiOptions.defaults(api), clock, sink);
  }

  /** The replay provider; a file that cannot be read becomes a provider that reports why. */
  static TopologyProvider replay(TopologySource.OspfReplay r, ScheduledExecutorService scheduler) {
    try {
      return new ReplayTopologyProvider(r.path().toString(), LsaEventLog.read(r.path()), r.speed(), scheduler);
    } catch (ConfigException e) {
      return rejecting("replay:" + r.path(), r.path().toString(), e.diagnostics());
    } catch (IOException e) {
      return rejecting("replay:" + r.path(), r.path().toString(), List.of(new Diagnostic(
          new Location(r.path().toString(), 1, 1), "", "cannot read file: " + e)));
    }
  }

  private static TopologyProvider rejecting(String name, String source, List<Diagnostic> problems) {
    return new TopologyProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void start(TopologyProviderListener listener) {
        listener.specRejected(source, problems);
      }

      @Override
      public void close() {}
    };
  }
}
