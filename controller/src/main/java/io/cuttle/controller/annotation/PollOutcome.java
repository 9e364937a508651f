package io.cuttle.controller.annotation;

import java.util.Objects;

/** What polling one agent gave: a sample, or why there is none. */
public sealed interface PollOutcome {
  /** The agent answered. */
  record Sampled(AgentSample sample) implements PollOutcome {
    public Sampled {
      Objects.requireNonNull(sample, "sample");
    }
  }

  /** The agent did not answer usefully; {@code detail} says what happened. */
  record Failed(Reason reason, String detail) implements PollOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why a poll gave no sample. */
  enum Reason {
    /** No response within the timeout and retries (wrong address or community, agent down). */
    TIMEOUT,
    /** The agent answered with an SNMP error status. */
    AGENT_ERROR,
    /** The response lacked the expected objects or had values of the wrong type. */
    MALFORMED,
    /** A local socket or resolution failure. */
    IO
  }
}
