package io.cuttle.controller.store;

import io.cuttle.netstate.event.Delta;
import java.util.List;

/** The outcome of offering a change to the {@link TopologyStore}. */
public sealed interface CommitResult {
  /** The change was committed as these deltas (empty when nothing differed). */
  record Committed(List<Delta> deltas, long version) implements CommitResult {
    public Committed {
      deltas = List.copyOf(deltas);
    }
  }

  /** The change was refused as a whole; the state did not move. */
  record Rejected(List<String> problems) implements CommitResult {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
