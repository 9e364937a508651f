package io.cuttle.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code flows} section of {@code daemon.yaml}: per-application flow accounting.
 *
 * @param enabled        whether the daemon accounts flows at all (needs root or CAP_NET_ADMIN,
 *                       CAP_NET_RAW and CAP_SYS_PTRACE)
 * @param interval       how often sockets are polled and a host snapshot is made
 * @param windows        rate windows, shortest first; the first is the snapshot's window
 * @param capture        whether packets are captured (UDP volumes, short-lived TCP sockets)
 * @param interfaces     capture interfaces ({@code any}: all)
 * @param bufferBytes    kernel capture buffer
 * @param netns          account in this network namespace instead of the daemon's own
 * @param defaultClass   class of processes no app rule matches
 * @param apps           app rules, first match wins
 * @param idleTimeout    how long a flow stays in the table after its last traffic
 * @param prefixV4       IPv4 prefix length destinations are summarised to in reports
 * @param prefixV6       IPv6 prefix length destinations are summarised to in reports
 * @param kernelCounters whether UDP volumes and the owners of new TCP connections are recorded in
 *                       the kernel by an nftables table of the accounting's own (else, or where
 *                       that table cannot be installed, the packet capture counts them)
 */
public record FlowsConfig(boolean enabled, Duration interval, List<Duration> windows, boolean capture,
    List<String> interfaces, int bufferBytes, Optional<Path> netns, String defaultClass, List<AppRule> apps,
    Duration idleTimeout, int prefixV4, int prefixV6, boolean kernelCounters) {
  public static final String DEFAULT_CLASS = "unclassified";

  public FlowsConfig {
    Objects.requireNonNull(interval, "interval");
    windows = List.copyOf(windows);
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("flows.windows: expected at least one window, got none");
    }
    interfaces = List.copyOf(interfaces);
    Objects.requireNonNull(netns, "netns");
    Objects.requireNonNull(defaultClass, "defaultClass");
    apps = List.copyOf(apps);
    Objects.requireNonNull(idleTimeout, "idleTimeout");
  }

  /** The config with kernel counters on (their default). */
  public FlowsConfig(boolean enabled, Duration interval, List<Duration> windows, boolean capture,
      List<String> interfaces, int bufferBytes, Optional<Path> netns, String defaultClass, List<AppRule> apps,
      Duration idleTimeout, int prefixV4, int prefixV6) {
    this(enabled, interval, windows, capture, interfaces, bufferBytes, netns, defaultClass, apps, idleTimeout, prefixV4,
        prefixV6, true);
  }

  /** Flow accounting off (the default). */
  public static FlowsConfig disabled() {
    return defaults(false);
  }

  /** The defaults, on or off. */
  public static FlowsConfig defaults(boolean enabled) {
    return new FlowsConfig(enabled, Duration.ofSeconds(1), List.of(Duration.ofSeconds(10), Duration.ofSeconds(60)),
        true, List.of("any"), 16 << 20, Optional.empty(), DEFAULT_CLASS, List.of(), Duration.ofSeconds(60), 24, 64);
  }

  public FlowsConfig withNetns(Optional<Path> ns) {
    return new FlowsConfig(enabled, interval, windows, capture, interfaces, bufferBytes, ns, defaultClass, apps,
        idleTimeout, prefixV4, prefixV6, kernelCounters);
  }

  public FlowsConfig withApps(List<AppRule> a) {
    return new FlowsConfig(enabled, interval, windows, capture, interfaces, bufferBytes, netns, defaultClass, a,
        idleTimeout, prefixV4, prefixV6, kernelCounters);
  }

  public FlowsConfig withInterval(Duration d) {
    return new FlowsConfig(enabled, d, windows, capture, interfaces, bufferBytes, netns, defaultClass, apps,
        idleTimeout, prefixV4, prefixV6, kernelCounters);
  }

  public FlowsConfig withCapture(boolean on) {
    return new FlowsConfig(enabled, interval, windows, on, interfaces, bufferBytes, netns, defaultClass, apps,
        idleTimeout, prefixV4, prefixV6, kernelCounters);
  }

  public FlowsConfig withKernelCounters(boolean on) {
    return new FlowsConfig(enabled, interval, windows, capture, interfaces, bufferBytes, netns, defaultClass, apps,
        idleTimeout, prefixV4, prefixV6, on);
  }
}
