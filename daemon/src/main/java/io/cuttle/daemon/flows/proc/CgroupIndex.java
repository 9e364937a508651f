package io.cuttle.daemon.flows.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cgroup v2 directories under one mount point by cgroup id (the kernel's cgroup id is the
 * inode number of the cgroup's directory), and the processes in each. The index is cached and
 * walked again when an id is missing, at most once per {@link #MIN_WALK_INTERVAL}, so a flood of
 * unknown ids does not turn into a flood of walks. Never throws: a cgroup that vanished reads as
 * absent. Not thread-safe.
 */
public final class CgroupIndex {
  /** The shortest time between two walks of the hierarchy caused by missing ids. */
  public static final Duration MIN_WALK_INTERVAL = Duration.ofMillis(100);

  private final Path mount;
  private final Clock clock;
  private Map<Long, Path> byId = Map.of();
  private long rootId = -1;
  private Instant lastWalk = Instant.MIN;

  public CgroupIndex(Path mount, Clock clock) {
    this.mount = Objects.requireNonNull(mount, "mount");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Path mount() {
    return mount;
  }

  /** Whether {@code id} is the root cgroup (every process not placed elsewhere: never one app). */
  public boolean isRoot(long id) {
    if (rootId < 0) {
      rootId = inode(mount).orElse(-1L);
    }
    return id == rootId;
  }

  /** The directory of cgroup {@code id}, walking the hierarchy again if it is not known yet. */
  public Optional<Path> path(long id) {
    Path p = byId.get(id);
    if (p == null || !Files.isDirectory(p)) {
      Instant now = clock.instant();
      if (lastWalk.equals(Instant.MIN) || Duration.between(lastWalk, now).compareTo(MIN_WALK_INTERVAL) >= 0) {
        lastWalk = now;
        byId = walk();
        p = byId.get(id);
      } else {
        p = null;
      }
    }
    return Optional.ofNullable(p);
  }

  /**
   * The PIDs of the processes directly in cgroup {@code id} ({@code cgroup.procs}) now; empty if
   * the cgroup is unknown or gone.
   */
  public Optional<List<Integer>> members(long id) {
    Optional<Path> dir = path(id);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<Integer> pids = new ArrayList<>();
      for (String line : Files.readString(dir.get().resolve("cgroup.procs"), StandardCharsets.ISO_8859_1).split("\n")) {
        if (!line.isBlank()) {
          pids.add(Integer.parseInt(line.trim()));
        }
      }
      return Optional.of(pids);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private Map<Long, Path> walk() {
    Map<Long, Path> out = new HashMap<>();
    try {
      Files.walkFileTree(mount, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          inode(dir).ifPresent(ino -> out.put(ino, dir));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // removed meanwhile
        }
      });
    } catch (IOException | RuntimeException e) {
      // Keep what was found.
    }
    return out;
  }

  private static Optional<Long> inode(Path dir) {
    try {
      return Optional.of(((Number) Files.getAttribute(dir, "unix:ino")).longValue());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
