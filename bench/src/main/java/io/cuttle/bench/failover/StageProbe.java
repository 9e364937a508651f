package io.cuttle.bench.failover;

import io.cuttle.controller.store.StateListener;
import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.netstate.event.Delta;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.engine.EnforcementService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Timestamps (wall clock, the monitors' clock) taken inside the controller and the daemon at the
 * seams they offer: every commit of the controller's store, every state the daemon's keeper
 * applies, every desired state the handlers hand to enforcement (with the daemon's state version
 * at that moment), and the start and end of every adapter reconcile. Thread-safe.
 */
final class StageProbe {
  enum Kind { COMMITTED, RECEIVED, POLL, DESIRED, RECONCILE_START, RECONCILE_END }

  /** One stamp: what, when, the state version it concerns, whether the desired state blocks anything. */
  record Stamp(Kind kind, Instant at, long version, boolean blocking, String detail) {}

  /** One command the adapter ran: a short name ({@code nft -f}, {@code tc qdisc}...), start and end. */
  record Command(String what, Instant start, Instant end) {}

  private final List<Stamp> stamps = new ArrayList<>();
  private final List<Command> commands = new ArrayList<>();

  synchronized void add(Kind kind, long version, boolean blocking) {
    add(kind, version, blocking, "");
  }

  synchronized void add(Kind kind, long version, boolean blocking, String detail) {
    stamps.add(new Stamp(kind, Instant.now(), version, blocking, detail));
  }

  /** The first stamp of {@code kind} at or after {@code since} that matches. */
  synchronized Optional<Stamp> first(Kind kind, Instant since, Predicate<Stamp> match) {
    return stamps.stream().filter(s -> s.kind() == kind && !s.at().isBefore(since) && match.test(s)).findFirst();
  }

  synchronized void forget(Instant before) {
    stamps.removeIf(s -> s.at().isBefore(before));
    commands.removeIf(c -> c.start().isBefore(before));
  }

  /** The commands started in [from, to]. */
  synchronized List<Command> commands(Instant from, Instant to) {
    return commands.stream().filter(c -> !c.start().isBefore(from) && !c.start().isAfter(to)).toList();
  }

  /** A command runner that times every command of {@code inner}. */
  CommandRunner timed(CommandRunner inner) {
    return (argv, stdin) -> {
      Instant start = Instant.now();
      try {
        return inner.run(argv, stdin);
      } finally {
        Instant end = Instant.now();
        synchronized (this) {
          commands.add(new Command(shortName(argv), start, end));
        }
      }
    };
  }

  private static String shortName(List<String> argv) {
    List<String> words = argv.stream().filter(a -> !a.startsWith("-") || a.equals("-f")).toList();
    if (!words.isEmpty() && words.get(0).equals("unshare")) {
      return "nft list table";
    }
    return String.join(" ", words.subList(0, Math.min(words.size(), words.get(0).equals("nft") ? 3 : 2)));
  }

  /** Hears the controller's commits. */
  StateListener controllerListener() {
    return (NetworkState state, List<Delta> deltas) -> add(Kind.COMMITTED, state.version(), false,
        String.join(",", deltas.stream().map(d -> d.event().getClass().getSimpleName()).toList()));
  }

  /** Hears the daemon's applied states. */
  io.cuttle.daemon.state.StateListener daemonListener() {
    return state -> add(Kind.RECEIVED, state.version(), false);
  }

  /** Stamps each desired state, then hands it on; {@code version} reads the daemon's state version. */
  EnforcementService desiredTap(EnforcementService next, LongSupplier version) {
    return desired -> {
      add(Kind.DESIRED, version.getAsLong(), blocks(desired));
      next.apply(desired);
    };
  }

  /** An adapter that stamps the start and the end of each reconcile of {@code inner}. */
  EnforcementAdapter timed(EnforcementAdapter inner) {
    return new EnforcementAdapter() {
      @Override
      public String name() {
        return inner.name();
      }

      @Override
      public EnforcementReport reconcile(DesiredState desired, AppProcesses processes) {
        add(Kind.RECONCILE_START, -1, blocks(desired));
        try {
          return inner.reconcile(desired, processes);
        } finally {
          add(Kind.RECONCILE_END, -1, blocks(desired));
        }
      }

      @Override
      public VerifyReport verify() {
        return inner.verify();
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  private static boolean blocks(DesiredState d) {
    return d.byApp().values().stream().anyMatch(r -> r.blocked());
  }

  synchronized List<Stamp> all() {
    return new ArrayList<>(stamps);
  }
}
