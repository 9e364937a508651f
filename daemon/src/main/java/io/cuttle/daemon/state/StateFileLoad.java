package io.cuttle.daemon.state;

import io.cuttle.netstate.model.NetworkState;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** What {@link StateFile#load()} found; it never throws. */
public sealed interface StateFileLoad {

  /** The file held a valid state. */
  record Loaded(Path file, NetworkState state) implements StateFileLoad {
    public Loaded {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(state, "state");
    }
  }

  /** There is no state file yet (first start). */
  record Missing(Path file) implements StateFileLoad {}

  /**
   * The file is truncated or does not decode; it was moved to {@code movedTo} (empty if even
   * that failed) so that it is kept for inspection and not read again.
   */
  record Corrupt(Path file, String reason, Optional<Path> movedTo) implements StateFileLoad {
    public Corrupt {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(movedTo, "movedTo");
    }
  }

  /** The file exists but cannot be read (permissions, I/O error); it was left in place. */
  record Unreadable(Path file, String reason) implements StateFileLoad {}

  /** The state to start from: the loaded one, or {@code fallback}. */
  default NetworkState stateOr(NetworkState fallback) {
    return this instanceof Loaded l ? l.state() : fallback;
  }
}
