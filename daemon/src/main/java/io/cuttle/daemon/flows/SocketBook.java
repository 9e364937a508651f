package io.cuttle.daemon.flows;

import io.cuttle.daemon.flows.accounting.FlowTable;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.netlink.SocketEntry;
import io.cuttle.daemon.flows.netlink.TcpCounters;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Traffic;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sockets known from sock_diag, by kernel cookie: TCP sockets with the counters last
 * counted (so each dump or destroy event adds only the difference), UDP sockets to find the
 * owner of captured datagrams. Sockets present when accounting starts are counted from then on,
 * not from their creation. Not thread-safe: the caller holds the table lock.
 */
final class SocketBook {
  private static final Duration FORGET_DESTROYED = Duration.ofSeconds(30);

  private record Tcp(FlowKey key, TcpCounters last) {}

  private record Udp(SocketEntry socket, Owner owner) {}

  private final FlowTable table;
  private final Map<Long, Tcp> tcp = new HashMap<>();
  private final Map<Long, Instant> destroyed = new HashMap<>();
  private final Map<FlowKey, Udp> udpConnected = new HashMap<>();
  private final Map<Integer, List<Udp>> udpBound = new HashMap<>();
  private final Map<Long, Owner> ownersByCookie = new HashMap<>();
  private final Map<Long, Owner> udpOwners = new HashMap<>();
  private long destroyedUnseen;

  SocketBook(FlowTable table) {
    this.table = table;
  }

  /** Takes sockets present before accounting started as the baseline: their past bytes are not counted. */
  void baseline(List<SocketEntry> sockets) {
    for (SocketEntry s : sockets) {
      s.counters().ifPresent(c -> tcp.put(s.cookie(), new Tcp(s.key(), c)));
    }
  }

  /**
   * Counts a TCP dump. {@code owners} holds the owner of each socket inode looked up;
   * {@code complete} says the dump and the lookup covered every socket (a tick), so sockets
   * missing from it are gone.
   */
  void applyTcp(List<SocketEntry> sockets, Map<Long, Owner> owners, Instant now, boolean complete) {
    Set<Long> seen = complete ? new HashSet<>() : null;
    for (SocketEntry s : sockets) {
      if (s.counters().isEmpty() || destroyed.containsKey(s.cookie())) {
        continue;
      }
      if (seen != null) {
        seen.add(s.cookie());
      }
      Owner owner = owner(s, owners, ownersByCookie);
      Tcp prev = tcp.get(s.cookie());
      TcpCounters c = s.counters().get();
      Traffic delta = delta(prev == null ? TcpCounters.ZERO : prev.last(), c);
      tcp.put(s.cookie(), new Tcp(s.key(), c));
      table.count(s.key(), s.cookie(), owner, delta, now);
    }
    if (complete) {
      tcp.keySet().retainAll(seen);
      ownersByCookie.keySet().retainAll(seen);
      destroyed.values().removeIf(t -> Duration.between(t, now).compareTo(FORGET_DESTROYED) > 0);
    }
  }

  /** Counts a destroyed TCP socket's last bytes. */
  void destroyed(SocketEntry s, Instant now) {
    if (s.counters().isEmpty()) {
      return;
    }
    destroyed.put(s.cookie(), now);
    Tcp prev = tcp.remove(s.cookie());
    Owner owner = ownersByCookie.remove(s.cookie());
    if (prev == null) {
      destroyedUnseen++;
    }
    Traffic delta = delta(prev == null ? TcpCounters.ZERO : prev.last(), s.counters().get());
    table.count(s.key(), s.cookie(), owner != null ? owner : Owner.unknown(Owner.Reason.NO_HOLDER), delta, now);
  }

  /** Replaces the UDP socket index with a dump and tells pending flows their owners. */
  void applyUdp(List<SocketEntry> sockets, Map<Long, Owner> owners, Instant now, boolean complete) {
    if (complete) {
      udpConnected.clear();
      udpBound.clear();
      Set<Long> seen = new HashSet<>();
      sockets.forEach(s -> seen.add(s.cookie()));
      udpOwners.keySet().retainAll(seen);
    }
    for (SocketEntry s : sockets) {
      Owner owner = owner(s, owners, udpOwners);
      Udp u = new Udp(s, owner);
      if (s.state() == SocketEntry.TCP_ESTABLISHED) {
        udpConnected.put(s.key(), u);
      } else {
        List<Udp> list = udpBound.computeIfAbsent(s.key().localPort(), p -> new java.util.ArrayList<>());
        list.removeIf(x -> x.socket().cookie() == s.cookie());
        list.add(u);
      }
    }
    for (var e : java.util.List.copyOf(table.entries())) {
      if (e.key().protocol() == io.cuttle.host.model.Protocol.UDP && !e.owner().isKnown()) {
        udpOwner(e.key()).ifPresent(o -> table.learn(e.key(), o.getKey(), o.getValue(), now));
      }
    }
  }

  private static Owner owner(SocketEntry s, Map<Long, Owner> owners, Map<Long, Owner> memory) {
    Owner o = s.inode() != 0 ? owners.get(s.inode()) : null;
    if (o != null) {
      memory.put(s.cookie(), o);
      return o;
    }
    return memory.getOrDefault(s.cookie(), Owner.unknown(Owner.Reason.PENDING));
  }

  /** The socket a UDP datagram of {@code key} belongs to, with its owner. */
  Optional<Map.Entry<Long, Owner>> udpOwner(FlowKey key) {
    Udp u = udpConnected.get(key);
    if (u == null) {
      List<Udp> bound = udpBound.get(key.localPort());
      if (bound != null) {
        for (Udp b : bound) {
          InetAddress a = b.socket().key().localAddress();
          if (a.isAnyLocalAddress() || a.equals(key.localAddress())) {
            u = b;
            break;
          }
        }
      }
    }
    return u == null ? Optional.empty() : Optional.of(Map.entry(u.socket().cookie(), u.owner()));
  }

  boolean knowsTcp(long cookie) {
    return tcp.containsKey(cookie) && ownersByCookie.containsKey(cookie);
  }

  boolean knowsUdp(long cookie) {
    return udpOwners.containsKey(cookie);
  }

  /** TCP sockets destroyed before any dump saw them (their bytes are unattributed). */
  long destroyedUnseen() {
    return destroyedUnseen;
  }

  static Traffic delta(TcpCounters a, TcpCounters b) {
    return new Traffic(Math.max(0, b.bytesAcked() - a.bytesAcked()), Math.max(0, b.bytesReceived() - a.bytesReceived()),
        Math.max(0, b.segsOut() - a.segsOut()), Math.max(0, b.segsIn() - a.segsIn()));
  }
}
