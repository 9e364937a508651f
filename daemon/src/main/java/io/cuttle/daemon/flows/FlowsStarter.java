package io.cuttle.daemon.flows;

import io.cuttle.daemon.config.FlowsConfig;
import io.cuttle.daemon.flows.capture.CaptureException;
import io.cuttle.daemon.flows.capture.PacketCapture;
import io.cuttle.daemon.flows.kernel.KernelFlowRules;
import io.cuttle.daemon.flows.kernel.KernelFlowTable;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.daemon.flows.netlink.NetlinkException;
import io.cuttle.daemon.flows.netlink.Netns;
import io.cuttle.daemon.flows.netlink.SockDiag;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link FlowAccounting} after checking what it needs, and says why when it cannot:
 * disabled in the config, missing privileges, sock_diag unavailable. Packet capture that cannot
 * start leaves accounting running without it, and the status says so.
 */
public final class FlowsStarter {
  private static final Logger log = LoggerFactory.getLogger(FlowsStarter.class);

  /** The accounting if it runs, and its status either way. */
  public record Started(Optional<FlowAccounting> accounting, FlowsStatus status) {}

  private FlowsStarter() {}

  /** Starts accounting with ticks every configured interval. */
  public static Started start(FlowsConfig config, String hostId, Clock clock) {
    return start(config, hostId, clock, true);
  }

  /** Starts accounting; without {@code autoTick} the caller calls {@link FlowAccounting#tick()}. */
  public static Started start(FlowsConfig config, String hostId, Clock clock, boolean autoTick) {
    if (!config.enabled()) {
      return new Started(Optional.empty(), new FlowsStatus(FlowsStatus.State.DISABLED,
          "flow accounting is off (flows.enabled in daemon.yaml)", Optional.empty()));
    }
    Path status = Path.of("/proc/self/status");
    Optional<String> missing = Privileges.missing(status);
    if (missing.isPresent()) {
      return new Started(Optional.empty(), new FlowsStatus(FlowsStatus.State.NOT_PERMITTED, missing.get(),
          Optional.empty()));
    }
    Netns ns = config.netns().map(Netns::at).orElse(Netns.current());
    SockDiag diag = null;
    SockDiag originDiag = null;
    SockDiag.DestroyEvents destroy = null;
    try {
      diag = SockDiag.open(ns);
      originDiag = SockDiag.open(ns);
      destroy = SockDiag.destroyEvents(ns);
      var baseline = new FlowAccounting.SocketEntryBaseline(diag.dump(Protocol.TCP));
      KernelStart k = startKernel(config, ns);
      List<PacketCapture> captures = new ArrayList<>();
      String filter = k.counting().isPresent() ? PacketCapture.SYN_FILTER : PacketCapture.FILTER;
      String captureProblem = config.capture() ? openCaptures(config, ns, status, filter, captures)
          : "capture is off (flows.capture)";
      FlowAccounting a = new FlowAccounting(config, hostId, clock, Path.of("/proc"), diag, originDiag, destroy, captures,
          captureProblem, k.counting(), k.status());
      a.startThreads(baseline);
      a.tick();
      if (autoTick) {
        a.startTicking();
      }
      FlowsStatus st = a.status();
      log.info("flow accounting: {}{}", st.detail(), st.capture().map(c -> "; " + c).orElse(""));
      return new Started(Optional.of(a), st);
    } catch (NetlinkException e) {
      if (destroy != null) {
        destroy.close();
      }
      if (diag != null) {
        diag.close();
      }
      if (originDiag != null) {
        originDiag.close();
      }
      return new Started(Optional.empty(), new FlowsStatus(FlowsStatus.State.UNAVAILABLE,
          "sock_diag is not usable: " + e.getMessage(), Optional.empty()));
    }
  }

  private record KernelStart(Optional<KernelCounting> counting, KernelCountingStatus status) {}

  /** Installs the accounting's nft table unless turned off; says which method counts UDP either way. */
  private static KernelStart startKernel(FlowsConfig config, Netns ns) {
    if (!config.kernelCounters()) {
      return new KernelStart(Optional.empty(), new KernelCountingStatus(KernelCountingStatus.State.DISABLED,
          "UDP volumes from packet capture (flows.kernel-counters is off)"));
    }
    var runner = ProcessCommandRunner.inNetns(ns.file().map(Path::toString));
    // Origins must outlive a few ticks: a closed connection is looked up at the next tick's read.
    var originTimeout = java.util.Collections.max(List.of(KernelFlowRules.ORIGIN_TIMEOUT, config.interval().multipliedBy(3)));
    var installed = KernelFlowTable.install(runner, KernelFlowTable.DEFAULT_NAME, Path.of("/sys/fs/cgroup"), originTimeout);
    if (installed instanceof KernelFlowTable.Installed.Active act) {
      return new KernelStart(Optional.of(new KernelCounting(act.table())), new KernelCountingStatus(
          KernelCountingStatus.State.ACTIVE, "UDP volumes and connection origins from nft table inet "
          + act.table().name()));
    }
    String cause = ((KernelFlowTable.Installed.Unavailable) installed).cause();
    log.warn("flow accounting: {}; the packet capture counts UDP instead", cause);
    return new KernelStart(Optional.empty(), new KernelCountingStatus(KernelCountingStatus.State.UNAVAILABLE,
        "UDP volumes from packet capture (" + cause + ")"));
  }

  private static String openCaptures(FlowsConfig config, Netns ns, Path status, String filter, List<PacketCapture> out) {
    Optional<String> missing = Privileges.missingForCapture(status);
    if (missing.isPresent()) {
      return missing.get();
    }
    Set<InetAddress> local = localAddresses(ns);
    List<String> problems = new ArrayList<>();
    for (String device : config.interfaces()) {
      try {
        out.add(PacketCapture.open(ns, device, config.bufferBytes(), filter, local::contains));
      } catch (CaptureException e) {
        problems.add(e.getMessage());
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static Set<InetAddress> localAddresses(Netns ns) {
    try {
      return ns.call(() -> {
        Set<InetAddress> out = new HashSet<>();
        for (NetworkInterface i : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
          out.addAll(java.util.Collections.list(i.getInetAddresses()));
        }
        return out;
      });
    } catch (Exception e) {
      return Set.of();
    }
  }
}
