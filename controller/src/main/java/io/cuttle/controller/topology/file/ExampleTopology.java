package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigException;
import io.cuttle.controller.topology.TopologyProvider;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The example topology embedded in the controller (a campus with a core LAN and two areas, a
 * branch, WAN uplinks with annotations), used when no topology file is configured.
 */
public final class ExampleTopology {
  /** Class-path location of the example file. */
  public static final String RESOURCE = "/io/cuttle/controller/example-topology.yaml";

  private ExampleTopology() {}

  /** The YAML text of the example. */
  public static String text() {
    try (InputStream in = ExampleTopology.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
    }
  }

  /** The parsed example; it is part of the build and tested, so it always parses. */
  public static TopologySpec spec() {
    try {
      return TopologyFileParser.parse("example-topology.yaml", text());
    } catch (ConfigException e) {
      throw new IllegalStateException("the embedded example topology is invalid:\n" + e.getMessage(), e);
    }
  }

  /** A provider named {@code example} that delivers the example once, on start. */
  public static TopologyProvider provider() {
    return new TopologyProvider() {
      @Override
      public String name() {
        return "example";
      }

      @Override
      public void start(TopologyProviderListener listener) {
        listener.specChanged(spec());
      }

      @Override
      public void close() {}
    };
  }
}
