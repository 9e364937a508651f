package io.cuttle.controller.topology.ospf.snapshot;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.ospf.AreaGraph;
import io.cuttle.controller.topology.ospf.AreaGraphBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Serves the graph of one LSDB snapshot file (vtysh JSON, see {@link VtyshLsdbParser}). The file
 * is read once, in {@link #start}: the listener gets the spec or the rejection before it returns.
 */
public final class SnapshotTopologyProvider implements TopologyProvider {
  private final Path file;
  private boolean started;

  public SnapshotTopologyProvider(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public String name() {
    return "ospf-snapshot:" + file;
  }

  @Override
  public synchronized void start(TopologyProviderListener listener) {
    if (started) {
      throw new IllegalStateException(name() + " was already started");
    }
    started = true;
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      AreaGraph g = AreaGraphBuilder.build(VtyshLsdbParser.parse(file.toString(), text));
      listener.specChanged(g.spec());
    } catch (ConfigException e) {
      listener.specRejected(file.toString(), e.diagnostics());
    } catch (IOException e) {
      listener.specRejected(file.toString(), List.of(new Diagnostic(new Location(file.toString(), 1, 1), "",
          "cannot read file: " + e)));
    }
  }

  @Override
  public void close() {}
}
