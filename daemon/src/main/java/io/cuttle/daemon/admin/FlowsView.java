package io.cuttle.daemon.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.daemon.flows.FlowAccounting;
import io.cuttle.daemon.flows.FlowsStatus;
import io.cuttle.daemon.flows.capture.CaptureStats;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.host.model.UserUsage;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON served at {@code /flows}: status (and why accounting is off), capture statistics,
 * and the last snapshot's apps (with rates over every window and their largest flows) and users.
 */
public final class FlowsView {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Flows listed per app at most (the largest). */
  public static final int MAX_FLOWS_PER_APP = 50;

  private FlowsView() {}

  public static ObjectNode of(FlowsStatus status, Optional<FlowAccounting> accounting) {
    ObjectNode root = JSON.createObjectNode();
    root.put("state", status.state().name().toLowerCase(java.util.Locale.ROOT));
    root.put("detail", status.detail());
    status.capture().ifPresent(c -> root.put("capture_problem", c));
    accounting.ifPresent(a -> fill(root, a));
    return root;
  }

  private static void fill(ObjectNode root, FlowAccounting a) {
    HostSnapshot s = a.snapshot();
    CaptureStats c = a.captureStats();
    ObjectNode cap = root.putObject("capture");
    cap.put("received", c.received()).put("dropped", c.dropped()).put("dropped_by_interface", c.droppedByIf())
        .put("parsed", c.parsed());
    root.putObject("kernel_counting").put("state", a.kernelCounting().state().name().toLowerCase(java.util.Locale.ROOT))
        .put("detail", a.kernelCounting().detail()).put("unrecorded", a.kernelUnrecorded());
    root.put("host_id", s.hostId()).put("at", s.at().toString()).put("window", ConfigNode.formatDuration(s.window()));
    long total = s.apps().stream().mapToLong(x -> x.total().bytes()).sum();
    long unknown = s.app("unknown").map(x -> x.total().bytes()).orElse(0L);
    root.put("attributed_share", total == 0 ? 1.0 : 1.0 - (double) unknown / total);
    Map<String, Map<Duration, Rate>> rates = a.appRates();
    ArrayNode apps = root.putArray("apps");
    s.apps().stream().sorted(Comparator.comparingDouble((AppUsage u) -> -(u.rate().upBps() + u.rate().downBps())))
        .forEach(u -> apps.add(app(u, rates.getOrDefault(u.app(), Map.of()))));
    ArrayNode users = root.putArray("users");
    for (UserUsage u : s.users()) {
      ObjectNode n = users.addObject().put("user", u.user());
      traffic(n, u.total());
      rate(n, u.rate());
      u.apps().stream().sorted().forEach(n.putArray("apps")::add);
    }
  }

  private static ObjectNode app(AppUsage u, Map<Duration, Rate> rates) {
    ObjectNode n = JSON.createObjectNode().put("app", u.app()).put("class", u.appClass());
    u.users().stream().sorted().forEach(n.putArray("users")::add);
    u.pids().stream().sorted().forEach(n.putArray("pids")::add);
    traffic(n, u.total());
    rate(n, u.rate());
    ObjectNode windows = n.putObject("rates");
    rates.forEach((w, r) -> rate(windows.putObject(ConfigNode.formatDuration(w)), r));
    ArrayNode flows = n.putArray("flows");
    n.put("flow_count", u.flows().size());
    u.flows().stream().sorted(Comparator.comparingLong((FlowRecord f) -> -f.traffic().bytes()))
        .limit(MAX_FLOWS_PER_APP).forEach(f -> {
          ObjectNode fn = flows.addObject().put("protocol", f.key().protocol().name().toLowerCase(java.util.Locale.ROOT))
              .put("local", f.key().localAddress().getHostAddress() + ":" + f.key().localPort())
              .put("remote", f.key().remoteAddress().getHostAddress() + ":" + f.key().remotePort());
          f.owner().pid().ifPresent(p -> fn.put("pid", p));
          traffic(fn, f.traffic());
          fn.put("first_seen", f.firstSeen().toString()).put("last_seen", f.lastSeen().toString());
        });
    return n;
  }

  private static void traffic(ObjectNode n, Traffic t) {
    n.put("bytes_up", t.bytesUp()).put("bytes_down", t.bytesDown()).put("packets_up", t.packetsUp())
        .put("packets_down", t.packetsDown());
  }

  private static void rate(ObjectNode n, Rate r) {
    n.put("up_bps", r.upBps()).put("down_bps", r.downBps());
  }
}
