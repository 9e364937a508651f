package io.cuttle.enforce.linux;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.enforce.exec.CommandRunner;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Linux adapter (cgroup v2 + nftables + tc HTB, IFB for ingress). Each reconcile builds the
 * app rules, replaces the nft table in one transaction, brings tc classes and cgroups to exactly
 * what is wanted, and reports per action. What the table held before is read from the kernel on
 * the first reconcile, after a transaction that failed and when {@link #verify} found drift;
 * otherwise it is what the adapter's own last transaction wrote, which saves a command before every
 * change reaches the kernel. State kept between calls is only that and what {@link #verify}
 * compares against; all of it can be rebuilt from the kernel.
 */
public final class LinuxEnforcer implements EnforcementAdapter {
  private final EnforcementSettings settings;
  private final List<String> interfaces;
  private final AppCgroups cgroups;
  private final Cgroup2Mount mount;
  private final NftTable nft;
  private final TcEgress egress;
  private final IfbIngress ingress;
  private final ClassIds ids = new ClassIds();
  private final String nftBackend;
  private boolean seeded;
  private Applied last = Applied.NOTHING;
  /** The table as the adapter's last transaction left it; empty when the kernel must be read. */
  private Optional<NftTable.View> written = Optional.empty();

  /**
   * What the last reconcile installed, for verify; {@code table} is the nft table as listed right
   * after the adapter's own transaction replaced it.
   */
  record Applied(DesiredState desired, AppProcesses processes, List<String> entries, List<String> chains,
      NftListing table, Map<Integer, Long> egress, Map<Integer, Long> ingress, Set<String> slugs) {
    static final Applied NOTHING = new Applied(DesiredState.empty(), AppProcesses.none(), List.of(), List.of(),
        NftListing.absent(), Map.of(), Map.of(), Set.of());
  }

  /** How nft transactions are run: in this process or by starting the {@code nft} command. */
  public enum NftBackend {
    /** Through libnftables on a thread inside the adapter's namespace; the command if that cannot load. */
    LIBRARY,
    /** By starting {@code nft -f -} through the command runner for every transaction. */
    COMMAND
  }

  /** An adapter running every command, nft transactions included, through {@code run}. */
  public LinuxEnforcer(EnforcementSettings settings, Cgroup2Mount mount, List<String> interfaces, CommandRunner run) {
    this(settings, mount, interfaces, run, NftBackend.COMMAND);
  }

  /**
   * An adapter whose nft transactions run as {@code backend} says (falling back to the command,
   * see {@link #nftBackend()}) and every other command through {@code run}.
   */
  public LinuxEnforcer(EnforcementSettings settings, Cgroup2Mount mount, List<String> interfaces, CommandRunner run,
      NftBackend backend) {
    this.settings = settings;
    this.mount = mount;
    this.interfaces = List.copyOf(interfaces);
    this.cgroups = new AppCgroups(mount, settings.cgroupParent());
    NftExecutor transactions = NftExecutor.process(run);
    String why = "";
    if (backend == NftBackend.LIBRARY) {
      switch (InProcessNft.open(settings.netns())) {
        case InProcessNft.Opened.Ready r -> transactions = r.nft();
        case InProcessNft.Opened.Unavailable u -> why = " (libnftables not used: " + u.cause() + ")";
      }
    }
    this.nftBackend = transactions.describe() + why;
    this.nft = new NftTable(run, transactions, settings.nftTable());
    this.egress = new TcEgress(run, settings.tcMajor());
    this.ingress = new IfbIngress(run, settings.tcMajor(), settings.ifbName());
  }

  @Override
  public String name() {
    return "linux-nft-tc";
  }

  /** The class number the adapter uses for {@code app} (names its chain, sets, HTB class minor). */
  public synchronized OptionalInt classIdOf(String app) {
    Integer id = ids.snapshot().get(AppSlug.of(app));
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  public List<String> interfaces() {
    return interfaces;
  }

  /** How nft transactions run: {@code libnftables}, or {@code nft command} and why not the library. */
  public String nftBackend() {
    return nftBackend;
  }

  @Override
  public synchronized EnforcementReport reconcile(DesiredState desired, AppProcesses processes) {
    NftTable.View view = written.orElseGet(nft::read);
    if (!seeded) {
      ids.seed(view.classBySlug());
      seeded = true;
    }
    OutcomeBook book = new OutcomeBook();
    Map<String, List<Long>> toMove = new TreeMap<>();
    List<AppRule> rules = buildRules(desired, processes, book, toMove);
    rules = moveIn(applyNft(rules, book), toMove, book);
    NftListing table = rules.isEmpty() ? NftListing.absent() : nft.list();
    Map<Integer, Long> up = applyEgress(rules, book);
    Map<Integer, Long> down = applyIngress(rules, book);
    Set<String> keep = rules.stream().map(AppRule::slug).collect(Collectors.toCollection(TreeSet::new));
    removeStale(keep, view, desired, book);
    for (AppRule r : rules) {
      book.appliedUnlessFailed(desired.of(appOf(desired, r.slug())).orElseThrow(), describe(r));
    }
    last = new Applied(desired, processes, NftScript.expectedEntries(rules), NftScript.expectedChains(rules), table,
        up, down, keep);
    return new EnforcementReport(name(), book.outcomes());
  }

  private List<AppRule> buildRules(DesiredState desired, AppProcesses processes, OutcomeBook book,
      Map<String, List<Long>> toMove) {
    List<AppRule> rules = new ArrayList<>();
    for (AppRestriction r : desired.byApp().values()) {
      String slug = AppSlug.of(r.app());
      List<Long> alive = processes.pidsOf(r.app()).stream().filter(p -> Files.exists(Path.of("/proc", p.toString())))
          .toList();
      if (alive.isEmpty()) {
        book.all(r, RestrictionOutcome.APP_NOT_RUNNING,
            "no live process of " + r.app() + " (pids " + processes.pidsOf(r.app()) + "); applied when one starts");
        continue;
      }
      OptionalInt id = ids.of(slug);
      if (id.isEmpty()) {
        book.all(r, RestrictionOutcome.KERNEL_REFUSED,
            "expected a free class number in 2..0xfffe, got none");
        continue;
      }
      if (cgroups.exists(slug)) {
        rules.add(fullRule(slug, id.getAsInt(), r, SocketTable.connected(SocketTable.of(alive))));
      } else {
        // no cgroup yet: held by its sockets until the second transaction; reading them from /proc
        // walks the kernel's socket tables (milliseconds), so the flows accounting saw come first
        List<Connection> seen = Connection.ofFlows(processes.flowsOf(r.app()));
        rules.add(fullRule(slug, id.getAsInt(), r,
            seen.isEmpty() ? SocketTable.connected(SocketTable.of(alive)) : seen).pinnedOnly());
      }
      toMove.put(slug, alive);
    }
    return rules;
  }

  private AppRule fullRule(String slug, int classId, AppRestriction r, List<Connection> conns) {
    String rel = cgroups.relative(slug);
    return new AppRule(slug, classId, mount.nftPath(rel), Cgroup2Mount.level(rel), r, conns);
  }

  /**
   * Creates each app's cgroup and moves its processes in once its rules are in the kernel: the rules
   * already hold the sockets that were open (by their 5-tuples), so neither the {@code mkdir} nor the
   * move (both wait for the kernel's cgroup lock, milliseconds on a busy host) is on the way of the
   * restriction. An app whose cgroup did not exist yet went in with its sockets only; one more
   * transaction adds its cgroup match, pins sockets opened meanwhile and takes out apps whose
   * cgroup could not be made or whose processes could not be moved, when there are any.
   */
  private List<AppRule> moveIn(List<AppRule> rules, Map<String, List<Long>> toMove, OutcomeBook book) {
    List<AppRule> kept = new ArrayList<>();
    boolean changed = false;
    for (AppRule r : rules) {
      List<Long> pids = toMove.getOrDefault(r.slug(), List.of());
      Optional<String> err = cgroups.ensureWith(r.slug(), pids);
      if (err.isPresent()) {
        book.all(r.restriction(), RestrictionOutcome.KERNEL_REFUSED, err.get());
        changed = true;
        continue;
      }
      List<Connection> now = SocketTable.connected(SocketTable.of(pids));
      if (r.hasCgroupMatch() && new java.util.HashSet<>(r.openConnections()).containsAll(now)) {
        kept.add(r);
      } else if (r.hasCgroupMatch()) {
        java.util.LinkedHashSet<Connection> all = new java.util.LinkedHashSet<>(r.openConnections());
        all.addAll(now);
        kept.add(fullRule(r.slug(), r.classId(), r.restriction(), List.copyOf(all)));
        changed = true;
      } else {
        // the first pins may be flows that are closed by now: the sockets the app holds replace them
        kept.add(fullRule(r.slug(), r.classId(), r.restriction(), now));
        changed = true;
      }
    }
    return changed ? applyNft(kept, book) : kept;
  }

  /** Applies the table; if the kernel refuses it, finds the apps it refuses and applies the rest. */
  private List<AppRule> applyNft(List<AppRule> rules, OutcomeBook book) {
    String script = rules.isEmpty() ? NftScript.deleteTable(nft.name())
        : NftScript.render(nft.name(), settings.tcMajor(), rules);
    written = Optional.empty(); // known again only once a transaction went through
    Optional<String> err = nft.apply(script);
    if (err.isEmpty()) {
      written = Optional.of(rules.isEmpty() ? NftTable.View.absent()
          : NftTable.ofEntries(NftScript.expectedEntries(rules)));
      return rules;
    }
    List<AppRule> accepted = new ArrayList<>();
    for (AppRule r : rules) {
      Optional<String> one = nft.check(NftScript.render(nft.name(), settings.tcMajor(), List.of(r)));
      if (one.isPresent()) {
        book.all(r.restriction(), RestrictionOutcome.KERNEL_REFUSED, one.get());
      } else {
        accepted.add(r);
      }
    }
    String retry = accepted.isEmpty() ? NftScript.deleteTable(nft.name())
        : NftScript.render(nft.name(), settings.tcMajor(), accepted);
    Optional<String> again = nft.apply(retry);
    if (again.isPresent()) {
      accepted.forEach(r -> book.all(r.restriction(), RestrictionOutcome.KERNEL_REFUSED,
          again.get()));
      return List.of();
    }
    return accepted;
  }

  private Map<Integer, Long> applyEgress(List<AppRule> rules, OutcomeBook book) {
    Map<Integer, Long> wanted = new TreeMap<>();
    Map<Integer, AppRule> byId = new TreeMap<>();
    for (AppRule r : rules) {
      r.restriction().maxUpBps().ifPresent(bps -> {
        wanted.put(r.classId(), bps);
        byId.put(r.classId(), r);
      });
    }
    if (interfaces.isEmpty()) {
      byId.values().forEach(r -> book.refuse(r.restriction(), ActionKind.LIMIT_UP,
          "expected an egress interface to shape (settings or a default route), got none"));
    }
    for (String dev : interfaces) {
      egress.apply(dev, wanted).forEach((minor, err) -> book.refuse(byId.get(minor).restriction(),
          ActionKind.LIMIT_UP, err));
    }
    return wanted;
  }

  private Map<Integer, Long> applyIngress(List<AppRule> rules, OutcomeBook book) {
    Map<Integer, IfbIngress.Want> wanted = new TreeMap<>();
    Map<Integer, AppRule> byId = new TreeMap<>();
    Map<Integer, Long> rates = new TreeMap<>();
    for (AppRule r : rules) {
      if (interfaces.isEmpty() && r.restriction().maxDownBps().isPresent()) {
        book.refuse(r.restriction(), ActionKind.LIMIT_DOWN,
            "expected an interface to shape ingress on (settings or a default route), got none");
      }
      r.restriction().maxDownBps().ifPresent(bps -> {
        Set<Integer> ports = new TreeSet<>();
        List<Long> pids = List.copyOf(cgroups.pidsIn(r.slug()));
        SocketTable.of(pids).forEach(c -> ports.add(c.localPort()));
        wanted.put(r.classId(), new IfbIngress.Want(bps, ports));
        byId.put(r.classId(), r);
        rates.put(r.classId(), bps);
        book.partial(r.restriction(), "shaped on " + settings.ifbName() + " by local port " + ports
            + "; ports opened later are covered at the next reconcile");
      });
    }
    ingress.apply(interfaces, wanted).forEach((minor, err) -> book.refuse(byId.get(minor).restriction(),
        ActionKind.LIMIT_DOWN, err));
    return rates;
  }

  private void removeStale(Set<String> keep, NftTable.View view, DesiredState desired, OutcomeBook book) {
    Map<String, Set<String>> gone = new TreeMap<>();
    view.kindsBySlug().forEach((slug, kinds) -> {
      if (!keep.contains(slug)) {
        gone.put(slug, kinds);
      }
    });
    for (String slug : cgroups.list()) {
      if (!keep.contains(slug)) {
        cgroups.remove(slug);
        gone.putIfAbsent(slug, Set.of());
      }
    }
    cgroups.removeParentIfEmpty();
    gone.forEach((slug, kinds) -> {
      boolean stillWanted = desired.byApp().keySet().stream().anyMatch(a -> AppSlug.of(a).equals(slug));
      if (!stillWanted) {
        ids.release(slug);
        book.reverted(slug, kinds);
      }
    });
  }

  private static String appOf(DesiredState desired, String slug) {
    return desired.byApp().keySet().stream().filter(a -> AppSlug.of(a).equals(slug)).findFirst().orElse(slug);
  }

  private String describe(AppRule r) {
    return "cgroup " + r.cgroupNftPath() + " level " + r.cgroupLevel() + ", " + r.openConnections().size()
        + " open connection(s) pinned, table inet " + nft.name() + " chain app_" + r.classId()
        + (r.restriction().maxUpBps().isPresent() ? ", htb class " + egress.handle()
            + Integer.toHexString(r.classId()) + " on " + interfaces : "");
  }

  @Override
  public synchronized VerifyReport verify() {
    List<VerifyReport.Drift> drift = new KernelCheck(nft, egress, ingress, cgroups, interfaces).compare(last);
    if (drift.isEmpty()) {
      return VerifyReport.inSync();
    }
    written = Optional.empty(); // someone else changed the kernel: read it again
    egress.forget();
    return new VerifyReport(drift, Optional.of(reconcile(last.desired(), last.processes())));
  }

  @Override
  public void close() {
    nft.close(); // the libnftables thread, if any; other commands run per call
  }

  /** Collects outcomes per app and action; a failure recorded first wins over a later "applied". */
  private static final class OutcomeBook {
    private final Map<String, Outcome> byKey = new LinkedHashMap<>();

    void all(AppRestriction r, RestrictionOutcome o, String detail) {
      for (ActionKind k : Actions.of(r)) {
        byKey.putIfAbsent(r.app() + "/" + k, new Outcome(r.app(), k, o, detail));
      }
    }

    void refuse(AppRestriction r, ActionKind k, String detail) {
      byKey.putIfAbsent(r.app() + "/" + k,
          new Outcome(r.app(), k, RestrictionOutcome.KERNEL_REFUSED, detail));
    }

    void partial(AppRestriction r, String detail) {
      byKey.putIfAbsent(r.app() + "/" + ActionKind.LIMIT_DOWN, new Outcome(r.app(),
          ActionKind.LIMIT_DOWN, RestrictionOutcome.PARTIAL, detail));
    }

    void appliedUnlessFailed(AppRestriction r, String detail) {
      all(r, RestrictionOutcome.APPLIED, detail);
    }

    void reverted(String slug, Set<String> kinds) {
      Set<ActionKind> ks = Actions.fromKinds(kinds);
      for (ActionKind k : ks) {
        byKey.putIfAbsent(slug + "/" + k + "/reverted", new Outcome(slug, k,
            RestrictionOutcome.REVERTED, "removed: no longer in the desired state"));
      }
    }

    List<Outcome> outcomes() {
      return List.copyOf(byKey.values());
    }
  }
}
