package io.cuttle.controller.status;

import java.util.List;
import java.util.Optional;

/**
 * Keeps the latest {@link HostStatus} of every host that has reported, and a bounded history of
 * its {@link StatusChange}s. Implementations are thread-safe; writes never block on I/O (they
 * are called on gRPC threads), reads are answered from memory.
 */
public interface HostStatusStore extends AutoCloseable {

  /** Keeps {@code status} as its host's latest and appends what changed to the host's history. */
  void record(HostStatus status);

  /**
   * Appends a change that no report carries (the host went stale, or resumed) to the history of
   * a known host.
   *
   * @return false when the host is unknown (nothing is recorded)
   */
  boolean note(String hostId, StatusChange change);

  /** The latest status of {@code hostId}; empty if it never reported. */
  Optional<HostStatus> get(String hostId);

  /** The latest status of every host, sorted by host id. */
  List<HostStatus> all();

  /** The recorded changes of {@code hostId}, oldest first; empty for an unknown host. */
  List<StatusChange> history(String hostId);

  /** Which store this is and where its data lives, for logs and the controller's status. */
  String describe();

  /** Writes what is still pending (bounded in time) and releases threads and connections. */
  @Override
  void close();
}
