package io.cuttle.daemon.report;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.wire.v1.AppSummary;
import io.cuttle.wire.v1.DestinationSummary;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises a {@link HostSnapshot} for the controller: per app its totals and rates, and its
 * flows summed per remote prefix (IPv4 and IPv6 prefix lengths from the config), largest first.
 */
public final class AppSummaries {
  private AppSummaries() {}

  public static List<AppSummary> of(HostSnapshot snapshot, int prefixV4, int prefixV6) {
    List<AppSummary> out = new ArrayList<>();
    for (AppUsage app : snapshot.apps()) {
      AppSummary.Builder b = AppSummary.newBuilder().setApp(app.app()).setAppClass(app.appClass())
          .addAllUsers(app.users().stream().sorted().toList())
          .setBytesUp(app.total().bytesUp()).setBytesDown(app.total().bytesDown())
          .setRateUpBps(app.rate().upBps()).setRateDownBps(app.rate().downBps());
      destinations(app.flows(), prefixV4, prefixV6).forEach(b::addDestinations);
      out.add(b.build());
    }
    return out;
  }

  static List<DestinationSummary> destinations(List<FlowRecord> flows, int prefixV4, int prefixV6) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (FlowRecord f : flows) {
      InetAddress a = f.key().remoteAddress();
      String prefix = prefix(a, a.getAddress().length == 4 ? prefixV4 : prefixV6);
      long[] s = sums.computeIfAbsent(prefix, k -> new long[3]);
      s[0] += f.traffic().bytesUp();
      s[1] += f.traffic().bytesDown();
      s[2]++;
    }
    return sums.entrySet().stream()
        .map(e -> DestinationSummary.newBuilder().setPrefix(e.getKey()).setBytesUp(e.getValue()[0])
            .setBytesDown(e.getValue()[1]).setFlows((int) e.getValue()[2]).build())
        .sorted(Comparator.comparingLong((DestinationSummary d) -> d.getBytesUp() + d.getBytesDown()).reversed())
        .toList();
  }

  /** {@code address} masked to {@code length} bits, as "a.b.c.d/len". */
  static String prefix(InetAddress address, int length) {
    byte[] raw = address.getAddress();
    int bits = Math.max(0, Math.min(length, raw.length * 8));
    for (int i = 0; i < raw.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      raw[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(raw).getHostAddress() + "/" + bits;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }
}
