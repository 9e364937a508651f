package io.cuttle.daemon.config;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the {@code flows} section of {@code daemon.yaml}; problems become diagnostics. */
final class FlowsConfigReader {
  private static final Set<String> FIELDS = Set.of("enabled", "interval", "windows", "capture", "interfaces",
      "buffer-bytes", "netns", "default-class", "apps", "idle-timeout", "report-prefix-v4", "report-prefix-v6", "kernel-counters");
  private static final Set<String> APP_FIELDS = Set.of("name", "exe", "cmdline", "unit", "user", "class");

  private FlowsConfigReader() {}

  static FlowsConfig read(ConfigNode n, Diagnostics d) {
    FlowsConfig dflt = FlowsConfig.disabled();
    if (n.isMissing()) {
      return dflt;
    }
    n.allowOnly(d, FIELDS);
    if (!n.isMap()) {
      return dflt;
    }
    boolean enabled = n.get("enabled").bool(d, true);
    Duration interval = n.get("interval").duration(d, Duration.ofMillis(100), dflt.interval());
    List<Duration> windows = windows(n.get("windows"), d, dflt.windows());
    boolean capture = n.get("capture").bool(d, dflt.capture());
    List<String> interfaces = n.has("interfaces") ? n.get("interfaces").strings(d) : dflt.interfaces();
    int buffer = n.get("buffer-bytes").intIn(d, 1 << 20, 1 << 30, dflt.bufferBytes());
    Optional<Path> netns = n.get("netns").parsed(d, "a namespace file path", Path::of);
    String defaultClass = n.get("default-class").string(d, dflt.defaultClass());
    List<AppRule> apps = apps(n.get("apps"), d);
    Duration idle = n.get("idle-timeout").duration(d, Duration.ofSeconds(1), dflt.idleTimeout());
    int v4 = n.get("report-prefix-v4").intIn(d, 0, 32, dflt.prefixV4());
    int v6 = n.get("report-prefix-v6").intIn(d, 0, 128, dflt.prefixV6());
    boolean kernel = n.get("kernel-counters").bool(d, dflt.kernelCounters());
    return new FlowsConfig(enabled, interval, windows, capture, interfaces, buffer, netns, defaultClass, apps, idle,
        v4, v6, kernel);
  }

  private static List<Duration> windows(ConfigNode n, Diagnostics d, List<Duration> dflt) {
    if (n.isMissing()) {
      return dflt;
    }
    List<Duration> out = new ArrayList<>();
    List<ConfigNode> items = n.isList() ? n.items(d) : List.of(n);
    for (ConfigNode item : items) {
      out.add(item.duration(d, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    }
    for (int i = 1; i < out.size(); i++) {
      if (out.get(i).compareTo(out.get(i - 1)) <= 0) {
        d.error(items.get(i), "expected windows shortest first, got " + items.get(i).describe() + " after "
            + items.get(i - 1).describe());
      }
    }
    return out.isEmpty() ? dflt : out;
  }

  private static List<AppRule> apps(ConfigNode n, Diagnostics d) {
    List<AppRule> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigNode item : n.items(d)) {
      item.allowOnly(d, APP_FIELDS);
      if (!item.isMap()) {
        continue;
      }
      String name = item.get("name").require(d, "an application name").string(d, "");
      Optional<String> exe = Optional.ofNullable(item.get("exe").string(d, null));
      Optional<String> unit = Optional.ofNullable(item.get("unit").string(d, null));
      Optional<String> user = Optional.ofNullable(item.get("user").string(d, null));
      Optional<Pattern> cmdline = item.get("cmdline").parsed(d, "a regular expression", FlowsConfigReader::regex);
      String cls = item.get("class").require(d, "a class such as low-priority, bulk, interactive, critical")
          .string(d, FlowsConfig.DEFAULT_CLASS);
      if (!name.isEmpty() && !names.add(name)) {
        d.error(item.get("name"), "expected each app name once, got '" + name + "' again");
      }
      if (exe.isEmpty() && unit.isEmpty()) {
        d.error(item, "expected an exe or a unit for app '" + name + "', got neither");
        continue;
      }
      if (!name.isEmpty()) {
        out.add(new AppRule(name, exe, cmdline, unit, user, cls));
      }
    }
    return out;
  }

  private static Pattern regex(String s) {
    try {
      return Pattern.compile(s);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(e.getDescription());
    }
  }
}
