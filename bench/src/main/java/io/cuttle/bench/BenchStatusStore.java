package io.cuttle.bench;

import io.cuttle.controller.status.EmbeddedHostStatusStore;
import io.cuttle.controller.status.HostStatus;
import io.cuttle.controller.status.HostStatusStore;
import io.cuttle.controller.status.PostgresHostStatusStore;
import io.cuttle.controller.status.PostgresOptions;
import io.cuttle.wire.v1.HandlerStatus;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Restriction;
import io.cuttle.wire.v1.RestrictionOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What recording a host's report costs the thread that receives it (a gRPC thread in the
 * controller), for each status store side by side: {@code threads} threads record
 * {@code reportsPerHost} reports for each of {@code hosts} hosts (every report changes two of the
 * host's four restrictions, so each one also adds history). Prints the latency of
 * {@code record()} and, after the last one, how long the store needed to make everything durable.
 *
 * <p>Arguments: hosts reportsPerHost threads dataDir [postgresJdbcUrl postgresUser]
 */
public final class BenchStatusStore {
  public static void main(String[] args) throws Exception {
    int hosts = Integer.parseInt(args[0]);
    int reports = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Path dataDir = Path.of(args[3]);
    Optional<PostgresOptions> pg = args.length >= 6
        ? Optional.of(new PostgresOptions(args[4], args[5], Optional.empty(), PostgresOptions.DEFAULT_QUEUE))
        : Optional.empty();
    System.out.printf("hosts=%d reportsPerHost=%d threads=%d cores=%d%n", hosts, reports, threads,
        Runtime.getRuntime().availableProcessors());
    for (int round = 0; round < 2; round++) { // the first round warms the JIT up
      boolean print = round == 1;
      run("memory", EmbeddedHostStatusStore.inMemory(32), hosts, reports, threads, print, s -> {});
      Files.createDirectories(dataDir);
      run("embedded", EmbeddedHostStatusStore.open(dataDir, Duration.ofSeconds(5), 32, Clock.systemUTC()), hosts,
          reports, threads, print, s -> ((EmbeddedHostStatusStore) s).save());
      if (pg.isPresent()) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        run("postgres", PostgresHostStatusStore.open(pg.get(), 32, registry), hosts, reports,
            threads, print, s -> {
              while (((PostgresHostStatusStore) s).pending() > 0) {
                Thread.sleep(1);
              }
            });
        if (print) {
          System.out.printf("postgres  upserts=%.0f (host updates written after coalescing) failedTransactions=%.0f%n",
              registry.get("cuttle.controller.status.store.written").functionCounter().count(),
              registry.get("cuttle.controller.status.store.failures").functionCounter().count());
        }
      }
    }
  }

  @FunctionalInterface
  interface Drain {
    void drain(HostStatusStore store) throws Exception;
  }

  private static void run(String name, HostStatusStore store, int hosts, int reports, int threads, boolean print,
      Drain drain) throws Exception {
    List<Histogram> histograms = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(threads);
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
      histograms.add(h);
      int first = t;
      Thread worker = new Thread(() -> {
        Instant at = Instant.now();
        for (int r = 0; r < reports; r++) {
          for (int host = first; host < hosts; host += threads) {
            HostStatus s = HostStatus.fromReport(report(host, r), at.plusMillis(r));
            long t0 = System.nanoTime();
            store.record(s);
            h.recordValue(System.nanoTime() - t0);
          }
        }
        done.countDown();
      });
      worker.start();
    }
    done.await();
    long recorded = System.nanoTime();
    drain.drain(store);
    long durable = System.nanoTime();
    store.close();
    Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    histograms.forEach(all::add);
    if (print) {
      System.out.printf("%-9s records=%d record_us p50=%.1f p99=%.1f p99.9=%.1f max=%.1f  recordsPerSec=%.0f  "
              + "durableAfterLastRecordMs=%.0f%n", name, all.getTotalCount(), all.getValueAtPercentile(50) / 1e3,
          all.getValueAtPercentile(99) / 1e3, all.getValueAtPercentile(99.9) / 1e3, all.getMaxValue() / 1e3,
          all.getTotalCount() / ((recorded - start) / 1e9), (durable - recorded) / 1e6);
    }
  }

  private static HostReport report(int host, int round) {
    HostReport.Builder b = HostReport.newBuilder().setHostId("host-" + host).setLineageId(0x5eed)
        .setVersion(round).setReportedAtMs(System.currentTimeMillis()).setDaemonVersion("0.1.0")
        .addHandlers(HandlerStatus.newBuilder().setName("upstream-smoothing").setPhase("registered"))
        .addHandlers(HandlerStatus.newBuilder().setName("link-failure").setPhase("idle"));
    for (int i = 0; i < 4; i++) {
      RestrictionOutcome o = i < 2 && round % 2 == 1 ? RestrictionOutcome.PARTIAL : RestrictionOutcome.ENFORCED;
      b.addRestrictions(Restriction.newBuilder().setHandler("upstream-smoothing").setApp("app-" + i)
          .setAction("restrict").setOutcome(o).setDetail(o == RestrictionOutcome.PARTIAL ? "egress only" : ""));
    }
    return b.build();
  }
}
