package io.cuttle.daemon.flows.netlink;

import com.sun.jna.LastErrorException;
import java.util.Optional;

/**
 * Raises the calling thread's scheduling priority (a lower nice value, Linux threads have their
 * own). The resolver and capture threads use it: a socket that lives ten milliseconds must be
 * looked up within that time even on a busy host.
 */
public final class ThreadPriority {
  private static final long SYS_GETTID = 186; // x86_64
  private static final int PRIO_PROCESS = 0;

  private ThreadPriority() {}

  /** Sets the calling thread's nice value; returns why not if it could not. */
  public static Optional<String> niceThisThread(int nice) {
    try {
      int tid = (int) LibC.INSTANCE.syscall(SYS_GETTID);
      LibC.INSTANCE.setpriority(PRIO_PROCESS, tid, nice);
      return Optional.empty();
    } catch (LastErrorException | UnsatisfiedLinkError e) {
      return Optional.of("cannot set nice " + nice + " on this thread: " + e.getMessage());
    }
  }
}
