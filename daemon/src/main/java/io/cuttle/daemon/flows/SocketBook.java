package io.cuttle.daemon.flows;

import io.cuttle.daemon.flows.accounting.FlowTable;
import io.cuttle.daemon.flows.accounting.Owner;
import io.cuttle.daemon.flows.netlink.SocketEntry;
import io.cuttle.daemon.flows.netlink.TcpCounters;
import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import io.cuttle.host.model.Traffic;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sockets known from sock_diag, by kernel cookie: TCP sockets with their owner and the
 * counters last counted (so each dump or destroy event adds only the difference), UDP sockets
 * to find the owner of captured datagrams. A socket leaves the book when its destroy event
 * arrives; one that no dump has shown for {@link #FORGET} (a lost event) is dropped then. Dumps
 * can be applied out of order with destroy events: a destroyed cookie is never counted again.
 * Sockets present when accounting starts are counted from then on, not from their creation.
 * Not thread-safe: the caller holds the table lock.
 */
final class SocketBook {
  static final Duration FORGET = Duration.ofSeconds(10);

  private static final class Known {
    final SocketEntry socket;
    TcpCounters last;
    Owner owner;
    Instant seen;

    Known(SocketEntry socket, TcpCounters last, Owner owner, Instant seen) {
      this.socket = socket;
      this.last = last;
      this.owner = owner;
      this.seen = seen;
    }
  }

  private final FlowTable table;
  private final Map<Long, Known> tcp = new HashMap<>();
  private final Map<Long, Known> udp = new HashMap<>();
  private final Map<FlowKey, Known> udpConnected = new HashMap<>();
  private final Map<Integer, List<Known>> udpBound = new HashMap<>();
  private final Map<Long, Instant> destroyed = new HashMap<>();
  private final java.util.Set<FlowKey> pendingUdp = new java.util.HashSet<>();
  /** What the cgroup of each TCP socket said while a dump showed the socket alive. */
  private final Map<Long, Owner> origins = new HashMap<>();
  /** Destroyed TCP sockets counted without an owner, which a later-applied dump may still explain. */
  private final Map<Long, SocketEntry> destroyedUnowned = new HashMap<>();
  private long destroyedUnseen;

  SocketBook(FlowTable table) {
    this.table = table;
  }

  /** Takes sockets present before accounting started as the baseline: their past bytes are not counted. */
  void baseline(List<SocketEntry> sockets, Instant now) {
    for (SocketEntry s : sockets) {
      s.counters().ifPresent(c -> tcp.put(s.cookie(), new Known(s, c, Owner.unknown(Owner.Reason.PENDING), now)));
    }
  }

  /** Counts a TCP dump; {@code owners} holds the owner of each socket inode looked up. */
  void applyTcp(List<SocketEntry> sockets, Map<Long, Owner> owners, Instant now) {
    for (SocketEntry s : sockets) {
      if (s.counters().isEmpty()) {
        continue;
      }
      if (destroyed.containsKey(s.cookie())) {
        // Closed while its holders were looked for: what they said still names its owner.
        Owner o = s.inode() != 0 ? owners.get(s.inode()) : null;
        if (o != null && o.isKnown() && destroyedUnowned.remove(s.cookie()) != null) {
          table.learn(s.key(), s.cookie(), o, now);
        }
        continue;
      }
      Known k = tcp.get(s.cookie());
      if (k == null) {
        k = new Known(s, TcpCounters.ZERO, Owner.unknown(Owner.Reason.PENDING), now);
        tcp.put(s.cookie(), k);
      }
      learn(k, s, owners);
      TcpCounters c = s.counters().get();
      Traffic delta = delta(k.last, c);
      k.last = c;
      k.seen = now;
      table.count(s.key(), s.cookie(), k.owner, delta, now);
    }
  }

  /**
   * The TCP sockets of a dump whose owner may have to come from their cgroup: those with a cgroup
   * id not asked about yet, whose holders have not named an owner, and not destroyed with an owner.
   */
  List<SocketEntry> unexplained(List<SocketEntry> sockets) {
    List<SocketEntry> out = new ArrayList<>();
    for (SocketEntry s : sockets) {
      if (s.cgroupId().isEmpty() || s.counters().isEmpty() || origins.containsKey(s.cookie())) {
        continue;
      }
      Known k = tcp.get(s.cookie());
      boolean owned = k != null && k.owner.isKnown();
      boolean gone = destroyed.containsKey(s.cookie());
      if (!owned && (!gone || destroyedUnowned.containsKey(s.cookie()))) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Notes what the cgroups of {@link #unexplained} sockets said while the sockets were alive (a
   * destroy event says nothing of uid or cgroup): the owner of the socket if no process is found
   * holding it. A socket destroyed meanwhile, counted without an owner, gets it now.
   */
  void noteOrigins(List<SocketEntry> sockets, Map<Long, Owner> byCookie, Instant now) {
    for (SocketEntry s : sockets) {
      Owner o = byCookie.get(s.cookie());
      if (o == null) {
        continue;
      }
      if (destroyed.containsKey(s.cookie())) {
        if (destroyedUnowned.remove(s.cookie()) != null) {
          table.learn(s.key(), s.cookie(), o, now); // an app, or why its cgroup names none (more than NO_HOLDER)
        }
      } else {
        origins.put(s.cookie(), o);
      }
    }
  }

  /**
   * Counts a destroyed socket's last bytes (TCP) or takes it out of the UDP index. A TCP socket
   * whose holders never named its owner takes the one its cgroup named while it was alive.
   */
  void destroyed(SocketEntry s, Instant now) {
    destroyed.put(s.cookie(), now);
    if (s.protocol() == Protocol.UDP) {
      Known k = udp.remove(s.cookie());
      if (k != null) {
        unindex(k);
      }
      return;
    }
    if (s.counters().isEmpty()) {
      return;
    }
    Known k = tcp.remove(s.cookie());
    if (k == null) {
      destroyedUnseen++;
    }
    Traffic delta = delta(k == null ? TcpCounters.ZERO : k.last, s.counters().get());
    Owner owner = k != null ? k.owner : Owner.unknown(Owner.Reason.NO_HOLDER);
    Owner fromCgroup = origins.remove(s.cookie());
    if (!owner.isKnown() && owner.reason().lostHolders() && fromCgroup != null) {
      owner = fromCgroup;
    }
    if (!owner.isKnown() && owner.reason().lostHolders()) {
      destroyedUnowned.put(s.cookie(), s); // a dump or scan begun before its close may still say
    }
    table.count(s.key(), s.cookie(), owner, delta, now);
  }

  /** Adds a UDP dump to the index and tells pending UDP flows their owners. */
  void applyUdp(List<SocketEntry> sockets, Map<Long, Owner> owners, Instant now) {
    for (SocketEntry s : sockets) {
      if (destroyed.containsKey(s.cookie())) {
        continue;
      }
      Known k = udp.get(s.cookie());
      if (k != null && !k.socket.key().equals(s.key())) {
        unindex(k); // connected or rebound since
        k = null;
      }
      if (k == null) {
        k = new Known(s, TcpCounters.ZERO, Owner.unknown(Owner.Reason.PENDING), now);
        udp.put(s.cookie(), k);
        index(k);
      }
      learn(k, s, owners);
      k.seen = now;
    }
    for (var it = pendingUdp.iterator(); it.hasNext();) {
      FlowKey key = it.next();
      var o = udpOwner(key);
      if (o.isPresent()) {
        table.learn(key, o.get().getKey(), o.get().getValue(), now);
        it.remove();
      }
    }
  }

  /** Remembers a UDP flow whose socket was not known yet, for the next dump to resolve. */
  void pendingUdp(FlowKey key) {
    pendingUdp.add(key);
  }

  /** Drops sockets no dump has shown for {@link #FORGET}, and old destroyed cookies. */
  void expire(Instant now) {
    tcp.values().removeIf(k -> Duration.between(k.seen, now).compareTo(FORGET) > 0);
    List<Known> gone = new ArrayList<>();
    udp.values().removeIf(k -> {
      boolean old = Duration.between(k.seen, now).compareTo(FORGET) > 0;
      if (old) {
        gone.add(k);
      }
      return old;
    });
    gone.forEach(this::unindex);
    pendingUdp.clear(); // a tick has looked everywhere: what is still unknown stays unknown
    destroyed.values().removeIf(t -> Duration.between(t, now).compareTo(FORGET.multipliedBy(3)) > 0);
    origins.keySet().retainAll(tcp.keySet());
    destroyedUnowned.keySet().retainAll(destroyed.keySet());
  }

  private static void learn(Known k, SocketEntry s, Map<Long, Owner> owners) {
    Owner o = s.inode() != 0 ? owners.get(s.inode()) : null;
    // A socket that lost its holders (closed, process gone) keeps the owner it had.
    boolean lostHolders = o != null && (o.reason().lostHolders() || o.reason() == Owner.Reason.CGROUP_SINGLE_APP);
    if (o != null && (!lostHolders || !k.owner.isKnown())) {
      k.owner = o;
    }
  }

  private void index(Known k) {
    if (k.socket.state() == SocketEntry.TCP_ESTABLISHED) {
      udpConnected.put(k.socket.key(), k);
    } else {
      udpBound.computeIfAbsent(k.socket.key().localPort(), p -> new ArrayList<>()).add(k);
    }
  }

  private void unindex(Known k) {
    udpConnected.remove(k.socket.key(), k);
    List<Known> list = udpBound.get(k.socket.key().localPort());
    if (list != null) {
      list.remove(k);
      if (list.isEmpty()) {
        udpBound.remove(k.socket.key().localPort());
      }
    }
  }

  /** The socket a UDP datagram of {@code key} belongs to, with its owner. */
  Optional<Map.Entry<Long, Owner>> udpOwner(FlowKey key) {
    Known u = udpConnected.get(key);
    if (u == null) {
      List<Known> bound = udpBound.get(key.localPort());
      if (bound != null) {
        for (Known b : bound) {
          InetAddress a = b.socket.key().localAddress();
          if (a.isAnyLocalAddress() || a.equals(key.localAddress())) {
            u = b;
            break;
          }
        }
      }
    }
    return u == null ? Optional.empty() : Optional.of(Map.entry(u.socket.cookie(), u.owner));
  }

  /** Whether the owner of this TCP socket has been looked up already. */
  boolean knowsTcp(long cookie) {
    Known k = tcp.get(cookie);
    return k != null && k.owner.reason() != Owner.Reason.PENDING;
  }

  boolean knowsUdp(long cookie) {
    Known k = udp.get(cookie);
    return k != null && k.owner.reason() != Owner.Reason.PENDING;
  }

  /** Closed TCP sockets counted without an owner that a recorded origin may still explain. */
  List<SocketEntry> destroyedUnowned() {
    return List.copyOf(destroyedUnowned.values());
  }

  boolean hasDestroyedUnowned() {
    return !destroyedUnowned.isEmpty();
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
