package io.cuttle.enforce.linux;

import io.cuttle.host.enforce.AppRestriction;
import java.util.List;

/**
 * Everything the nft table holds for one running app: its slug, class number (names its chain, sets
 * and HTB class), cgroup as nft names it, what it is held to, and the sockets it had open.
 */
record AppRule(String slug, int classId, String cgroupNftPath, int cgroupLevel, AppRestriction restriction,
    List<Connection> openConnections) {
  AppRule {
    openConnections = List.copyOf(openConnections);
  }
}
