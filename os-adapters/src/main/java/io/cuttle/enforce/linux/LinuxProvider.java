package io.cuttle.enforce.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementProvider;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Provides {@link LinuxEnforcer} on Linux when the process is root, a cgroup2 hierarchy is mounted
 * under /sys/fs/cgroup, and {@code nft}, {@code tc} and {@code ip} run.
 */
public final class LinuxProvider implements EnforcementProvider {
  @Override
  public String name() {
    return "linux";
  }

  @Override
  public boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Optional<String> unavailabilityCause() {
    String os = System.getProperty("os.name", "");
    if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return Optional.of("expected Linux, got " + os);
    }
    if (!isRoot()) {
      return Optional.of("expected to run as root (uid 0) to change nftables, tc and cgroups, got another uid");
    }
    if (Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Missing m) {
      return Optional.of(m.cause());
    }
    CommandRunner run = ProcessCommandRunner.local();
    for (List<String> probe : List.of(List.of("nft", "--version"), List.of("tc", "-V"), List.of("ip", "-V"))) {
      CommandResult r = run.run(probe);
      if (!r.ok()) {
        return Optional.of("expected '" + String.join(" ", probe) + "' to run, got: " + r.describe());
      }
    }
    return Optional.empty();
  }

  @Override
  public EnforcementAdapter create(EnforcementSettings settings) {
    if (!(Cgroup2Mount.find() instanceof Cgroup2Mount.Lookup.Found found)) {
      throw new IllegalStateException("expected a cgroup2 mount, got none: " + unavailabilityCause().orElse(""));
    }
    CommandRunner run = ProcessCommandRunner.inNetns(settings.netns());
    List<String> ifaces = settings.interfaces().isEmpty() ? defaultRouteInterfaces(run) : settings.interfaces();
    return new LinuxEnforcer(settings, found.mount(), ifaces, run, LinuxEnforcer.NftBackend.LIBRARY);
  }

  /** The devices of the IPv4 and IPv6 default routes. */
  static List<String> defaultRouteInterfaces(CommandRunner run) {
    List<String> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String family : List.of("-4", "-6")) {
      CommandResult r = run.run(List.of("ip", "-j", family, "route", "show", "default"));
      if (!r.ok()) {
        continue;
      }
      try {
        for (JsonNode route : json.readTree(r.stdout())) {
          String dev = route.path("dev").asText("");
          if (!dev.isEmpty() && !out.contains(dev)) {
            out.add(dev);
          }
        }
      } catch (IOException e) {
        // no parsable routes: no interfaces from this family
      }
    }
    return out;
  }

  private static boolean isRoot() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("Uid:")) {
          return l.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
