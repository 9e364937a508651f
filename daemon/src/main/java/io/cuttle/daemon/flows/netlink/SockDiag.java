package io.cuttle.daemon.flows.netlink;

import io.cuttle.host.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Socket inventory through netlink sock_diag, in one network namespace: dumps of every TCP
 * (except listening and time-wait) and UDP socket, IPv4 and IPv6, with TCP counters and cgroup
 * ids. Dumps are serialised on this object; {@link #destroyEvents} is a separate socket.
 */
public final class SockDiag implements AutoCloseable {
  /** TCP states worth counting: all but TIME_WAIT (6), LISTEN (10) and NEW_SYN_RECV (12). */
  static final int TCP_STATES = 0xffff & ~((1 << 6) | (1 << 10) | (1 << 12));
  static final int ALL_STATES = 0xffffffff;
  private static final int RCVBUF = 4 << 20;

  private final Netns netns;
  private final NetlinkSocket socket;
  private final byte[] buf = new byte[256 * 1024];
  private int seq;
  private long malformed;

  private SockDiag(Netns netns, NetlinkSocket socket) {
    this.netns = netns;
    this.socket = socket;
  }

  /** Opens a dump socket in {@code netns}. */
  public static SockDiag open(Netns netns) throws NetlinkException {
    Objects.requireNonNull(netns, "netns");
    try {
      return new SockDiag(netns, netns.call(() -> NetlinkSocket.open(0, RCVBUF)));
    } catch (NetlinkException e) {
      throw e;
    } catch (Exception e) {
      throw new NetlinkException("cannot open sock_diag in namespace " + netns + ": " + e);
    }
  }

  /** Every socket of {@code protocol} now, IPv4 and IPv6. */
  public synchronized List<SocketEntry> dump(Protocol protocol) throws NetlinkException {
    List<SocketEntry> out = new ArrayList<>();
    int proto = protocol == Protocol.TCP ? SockDiagCodec.IPPROTO_TCP : SockDiagCodec.IPPROTO_UDP;
    int states = protocol == Protocol.TCP ? TCP_STATES : ALL_STATES;
    dumpFamily(SockDiagCodec.AF_INET, proto, states, out::add);
    dumpFamily(SockDiagCodec.AF_INET6, proto, states, out::add);
    return out;
  }

  private void dumpFamily(int family, int proto, int states, Consumer<SocketEntry> sink) throws NetlinkException {
    socket.send(SockDiagCodec.dumpRequest(family, proto, states, ++seq));
    while (true) {
      int n = socket.receive(buf);
      if (n < 0) {
        throw new NetlinkException("sock_diag socket closed during a dump");
      }
      SockDiagCodec.Batch batch = SockDiagCodec.decode(buf, n, proto, sink);
      malformed += batch.malformed();
      if (batch.error().isPresent()) {
        throw new NetlinkException("sock_diag dump (family " + family + ", protocol " + proto + ") failed: "
            + batch.error().get());
      }
      if (batch.done()) {
        return;
      }
    }
  }

  /**
   * Opens a socket that hears of every TCP and UDP socket the kernel frees in {@code netns}, TCP
   * ones with their final counters (needs CAP_NET_ADMIN).
   */
  public static DestroyEvents destroyEvents(Netns netns) throws NetlinkException {
    try {
      // SKNLGRP_INET_TCP_DESTROY = 1, INET_UDP = 2, INET6_TCP = 3, INET6_UDP = 4: bits 0 to 3.
      return new DestroyEvents(netns.call(() -> NetlinkSocket.open(0b1111, 16 << 20)));
    } catch (NetlinkException e) {
      throw e;
    } catch (Exception e) {
      throw new NetlinkException("cannot subscribe to socket destroy events in " + netns + ": " + e);
    }
  }

  /** Messages that could not be decoded so far. */
  public synchronized long malformed() {
    return malformed;
  }

  public Netns netns() {
    return netns;
  }

  @Override
  public void close() {
    socket.close();
  }

  /** A subscription to TCP socket destroy events; {@link #run} blocks until {@link #close()}. */
  public static final class DestroyEvents implements AutoCloseable {
    private final NetlinkSocket socket;
    private final byte[] buf = new byte[256 * 1024];

    private DestroyEvents(NetlinkSocket socket) {
      this.socket = socket;
    }

    /** Hands every destroyed socket to {@code sink} until closed; throws if events were lost. */
    public void run(Consumer<SocketEntry> sink) throws NetlinkException {
      while (true) {
        int n = socket.receive(buf);
        if (n < 0) {
          return;
        }
        SockDiagCodec.decode(buf, n, SockDiagCodec.IPPROTO_TCP, sink);
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
