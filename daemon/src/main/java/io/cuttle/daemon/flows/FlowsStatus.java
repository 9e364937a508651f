package io.cuttle.daemon.flows;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether flow accounting runs, and if not or only in part, why.
 *
 * @param state   overall state
 * @param detail  one line saying why (e.g. which capability is missing)
 * @param capture why packet capture is off, if it is (UDP volumes and short-lived TCP sockets are then missed)
 */
public record FlowsStatus(State state, String detail, Optional<String> capture) {
  /** Overall state of flow accounting. */
  public enum State {
    /** Turned off in the config. */
    DISABLED,
    /** Lacks the privileges it needs (root, or CAP_NET_ADMIN, CAP_NET_RAW and CAP_SYS_PTRACE). */
    NOT_PERMITTED,
    /** The kernel refused sock_diag or the namespace could not be joined. */
    UNAVAILABLE,
    /** Accounting. */
    RUNNING
  }

  public FlowsStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(capture, "capture");
  }
}
