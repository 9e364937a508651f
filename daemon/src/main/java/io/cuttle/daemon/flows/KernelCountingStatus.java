package io.cuttle.daemon.flows;

import java.util.Objects;

/**
 * Which method counts UDP volumes and records the owners of new TCP connections, and why.
 *
 * @param state  whether the kernel does it
 * @param detail one line: the table in use, or why there is none and what counts instead
 */
public record KernelCountingStatus(State state, String detail) {
  /** Whether the accounting's nft table counts in the kernel. */
  public enum State {
    /** The nft table counts UDP per 5-tuple and records each outgoing connection's uid and cgroup. */
    ACTIVE,
    /** Turned off in the config ({@code flows.kernel-counters}): the packet capture counts UDP. */
    DISABLED,
    /** The table could not be installed (nft missing, kernel refused, no privileges): the capture counts UDP. */
    UNAVAILABLE
  }

  public KernelCountingStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
