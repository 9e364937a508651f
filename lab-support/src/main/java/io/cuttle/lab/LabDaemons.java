package io.cuttle.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every daemon of the lab is given: the shipped handler scripts with the lab's manifests (which
 * react to every state change at once), and the head of its {@code daemon.yaml}.
 */
public final class LabDaemons {
  private LabDaemons() {
  }

  /**
   * Copies handler {@code name} into a daemon's handler directory: the shipped script
   * ({@code /io/cuttle/policies/NAME.js}) and the lab's manifest ({@code /io/cuttle/lab/handlers/}).
   *
   * @throws IOException when either is missing from the class path or cannot be written
   */
  public static void installHandler(Path handlersDir, String name) throws IOException {
    copy("/io/cuttle/policies/" + name + ".js", handlersDir.resolve(name + ".js"));
    copy("/io/cuttle/lab/handlers/" + name + ".manifest.yaml", handlersDir.resolve(name + ".manifest.yaml"));
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = LabDaemons.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("expected " + resource + " on the class path, got nothing");
      }
      Files.copy(in, to);
    }
  }

  /**
   * The head of a lab host's daemon.yaml, ending with its {@code flows.apps} rules: the host's id and
   * address, a status report every second, no admin listener, flow accounting every 500 ms over 2 s and
   * 10 s windows without packet capture inside the namespace {@code netns} (a name under /run/netns),
   * with {@code flowsLines} added to the {@code flows} mapping.
   */
  public static String yaml(String hostId, String address, String netns, List<String> flowsLines,
      List<String> appRules) {
    StringBuilder s = new StringBuilder("""
        host-id: %s
        address: %s
        report-interval: 1s
        admin-listen: off
        flows:
          interval: 500ms
          windows: [2s, 10s]
          capture: false
          netns: /run/netns/%s
        """.formatted(hostId, address, netns));
    flowsLines.forEach(l -> s.append("  ").append(l).append('\n'));
    s.append("  apps:\n");
    appRules.forEach(r -> s.append("    - ").append(r).append('\n'));
    return s.toString();
  }
}
