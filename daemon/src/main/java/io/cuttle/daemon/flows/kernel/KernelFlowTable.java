package io.cuttle.daemon.flows.kernel;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The accounting's own nft table in one network namespace: installed (replacing a leftover of an
 * earlier run in the same transaction), read once per tick, removed on {@link #close()}. Runs
 * {@code nft} through a {@link CommandRunner} that enters the namespace. Reading lists the table
 * in a private mount namespace where an empty tmpfs hides cgroupfs, so nft prints cgroup ids
 * instead of walking cgroupfs to print each one as a path (milliseconds per element); where that
 * cannot be done it lists plainly and the paths are turned back into ids here.
 */
public final class KernelFlowTable implements AutoCloseable {
  /** The table's default name; the enforcement adapter's table is {@code inet cuttle}. */
  public static final String DEFAULT_NAME = "cuttle_flows";
  /** cgroup levels tried for a connection's origin, deepest first (systemd services sit at 2-3). */
  public static final int CGROUP_LEVELS = 6;
  private static final String LIST_HIDING_CGROUPFS =
      "mount -t tmpfs cuttle-empty \"$1\" && exec nft -j list table inet \"$0\"";

  private final CommandRunner run;
  private final String name;
  private final Path cgroupfs;
  private final NftFlowJson parser;
  private volatile boolean plainListing;
  private volatile boolean closed;

  private KernelFlowTable(CommandRunner run, String name, Path cgroupfs) {
    this.run = run;
    this.name = name;
    this.cgroupfs = cgroupfs;
    this.parser = new NftFlowJson(this::cgroupId);
  }

  /** What {@link #install} did: the table, or why there is none. */
  public sealed interface Installed {
    /** The table is in place. */
    record Active(KernelFlowTable table) implements Installed {}

    /** No table: nft is missing, refused the rules (kernel without a needed feature), or lacks privileges. */
    record Unavailable(String cause) implements Installed {}
  }

  /**
   * Installs table {@code inet name}.
   *
   * @param cgroupfs where nft resolves cgroup paths ({@code /sys/fs/cgroup})
   */
  public static Installed install(CommandRunner run, String name, Path cgroupfs) {
    return install(run, name, cgroupfs, KernelFlowRules.ORIGIN_TIMEOUT);
  }

  /** Installs table {@code inet name} keeping connection origins {@code originTimeout} (at least two reads apart). */
  public static Installed install(CommandRunner run, String name, Path cgroupfs, java.time.Duration originTimeout) {
    Objects.requireNonNull(name, "name");
    CommandResult r = run.run(List.of("nft", "-f", "-"), KernelFlowRules.install(name, CGROUP_LEVELS, originTimeout));
    if (!r.ok()) {
      return new Installed.Unavailable("cannot install nft table inet " + name + ": " + r.describe().strip());
    }
    KernelFlowTable t = new KernelFlowTable(run, name, cgroupfs);
    return new Installed.Active(t);
  }

  public String name() {
    return name;
  }

  /** Reads every counter and origin; a failed listing is a reading with a problem and nothing else. */
  public KernelReading read() {
    CommandResult r = null;
    if (!plainListing) {
      r = run.run(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", LIST_HIDING_CGROUPFS, name,
          cgroupfs.toString()));
      if (!r.ok()) {
        plainListing = true; // no mount namespace here: list plainly from now on
      }
    }
    if (plainListing) {
      r = run.run(List.of("nft", "-j", "list", "table", "inet", name));
    }
    if (!r.ok()) {
      return KernelReading.failed("cannot list nft table inet " + name + ": " + r.describe().strip());
    }
    return parser.parse(r.stdout());
  }

  private OptionalLong cgroupId(String path) {
    try {
      Object ino = Files.getAttribute(cgroupfs.resolve(path), "unix:ino");
      return ino instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return OptionalLong.empty();
    }
  }

  /** Removes the table; empty on success, else nft's message. */
  public java.util.Optional<String> remove() {
    CommandResult r = run.run(List.of("nft", "-f", "-"), KernelFlowRules.remove(name));
    return r.ok() ? java.util.Optional.empty() : java.util.Optional.of(r.describe().strip());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      remove();
    }
  }
}
