package io.cuttle.enforce.linux;

import io.cuttle.host.enforce.AppRestriction;
import java.util.List;

/**
 * Everything the nft table holds for one running app: its slug, class number (names its chain, sets
 * and HTB class), cgroup as nft names it (empty: no cgroup match yet, only the open sockets), what
 * it is held to, and the sockets it had open.
 */
record AppRule(String slug, int classId, String cgroupNftPath, int cgroupLevel, AppRestriction restriction,
    List<Connection> openConnections) {
  AppRule {
    openConnections = List.copyOf(openConnections);
  }

  /** True when the rule matches the app's cgroup; false while only its open sockets are pinned. */
  boolean hasCgroupMatch() {
    return !cgroupNftPath.isEmpty();
  }

  /** The same rule without the cgroup match, for before the app's cgroup exists. */
  AppRule pinnedOnly() {
    return new AppRule(slug, classId, "", 0, restriction, openConnections);
  }
}
