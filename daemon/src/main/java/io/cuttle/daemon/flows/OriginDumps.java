package io.cuttle.daemon.flows;

import io.cuttle.daemon.flows.netlink.NetlinkException;
import io.cuttle.daemon.flows.netlink.SockDiag;
import io.cuttle.daemon.flows.netlink.SocketEntry;
import io.cuttle.daemon.flows.netlink.ThreadPriority;
import io.cuttle.host.model.Protocol;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that dumps TCP sockets on every captured SYN (its own netlink socket, no
 * {@code /proc} scan) so that new sockets are seen alive with their uid and cgroup id before they
 * close. Connections come in bursts: it dumps again every {@link #GAP_NANOS} while a dump finds
 * new sockets. {@link #request()} wakes it; {@link #stop()} ends it.
 */
final class OriginDumps implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(OriginDumps.class);
  /** Pause between the TCP dumps of a burst of new connections. */
  static final long GAP_NANOS = 200_000;

  private final SockDiag diag;
  private final Predicate<List<SocketEntry>> noteOrigins;
  private final int nice;
  private final Object signal = new Object();
  private volatile boolean requested;
  private volatile boolean stopped;

  /**
   * @param noteOrigins takes a dump and says whether it held sockets not explained before
   * @param nice        nice value of the thread
   */
  OriginDumps(SockDiag diag, Predicate<List<SocketEntry>> noteOrigins, int nice) {
    this.diag = diag;
    this.noteOrigins = noteOrigins;
    this.nice = nice;
  }

  @Override
  public void run() {
    ThreadPriority.niceThisThread(nice).ifPresent(w -> log.info("socket origins: {}", w));
    while (!stopped) {
      try {
        synchronized (signal) {
          while (!requested && !stopped) {
            signal.wait();
          }
          requested = false;
        }
        while (!stopped && noteOrigins.test(diag.dump(Protocol.TCP))) {
          LockSupport.parkNanos(GAP_NANOS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (NetlinkException | RuntimeException e) {
        if (!stopped) {
          log.warn("socket origins pass failed: {}", e.toString());
        }
      }
    }
  }

  void request() {
    if (!requested) {
      synchronized (signal) {
        requested = true;
        signal.notifyAll();
      }
    }
  }

  void stop() {
    stopped = true;
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  /** Closes the netlink socket; call once the thread has ended. */
  void close() {
    diag.close();
  }
}
