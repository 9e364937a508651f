package io.cuttle.netstate.path;

import java.util.List;

/**
 * All equal-cost shortest paths between two endpoints (ECMP).
 *
 * @param paths     empty when the destination is unreachable
 * @param truncated true when there were more than {@link NetworkPaths#MAX_PATHS} equal-cost paths
 *                  and only that many are listed
 */
public record PathSet(long cost, List<Path> paths, boolean truncated) {
  public static final PathSet UNREACHABLE = new PathSet(-1, List.of(), false);

  public PathSet {
    paths = List.copyOf(paths);
  }

  public boolean reachable() {
    return !paths.isEmpty();
  }

  /** Whether these paths cross {@code linkId}: on every path, on some (ECMP), or on none. */
  public PathCrossing crossing(int linkId) {
    if (!reachable()) {
      return PathCrossing.UNREACHABLE;
    }
    long n = paths.stream().filter(p -> p.crosses(linkId)).count();
    return n == 0 ? PathCrossing.NONE : n == paths.size() ? PathCrossing.ALL : PathCrossing.SOME;
  }
}
