package io.cuttle.controller.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SnmpLoadPollerTest {
  private static final List<SnmpAgent> AGENTS = List.of(new SnmpAgent(LabTopology.ip("192.0.2.1"), 161, "c"),
      new SnmpAgent(LabTopology.ip("192.0.2.2"), 161, "c"), new SnmpAgent(LabTopology.ip("192.0.2.3"), 161, "c"));

  /** Answers only when all three agents are being polled at the same moment. */
  private static final class TogetherSource implements CounterSource {
    private final CyclicBarrier barrier = new CyclicBarrier(3);

    @Override
    public PollOutcome poll(SnmpAgent agent) {
      try {
        barrier.await(10, TimeUnit.SECONDS);
        return new PollOutcome.Sampled(new AgentSample(Instant.EPOCH, 1, Map.of()));
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        return new PollOutcome.Failed(PollOutcome.Reason.TIMEOUT, agent + ": polled alone");
      }
    }

    @Override
    public void close() {}
  }

  @Test
  void agentsArePolledInParallelAndOutcomesKeepConfigurationOrder() {
    try (SnmpLoadPoller poller = new SnmpLoadPoller(AGENTS, new TogetherSource(), 3)) {
      poller.poll();
      assertThat(poller.lastOutcomes().keySet()).containsExactlyElementsOf(AGENTS);
      assertThat(poller.lastOutcomes().values()).allMatch(o -> o instanceof PollOutcome.Sampled);
    }
  }

  @Test
  void aPollerThatThrowsBecomesAFailedOutcome() {
    CounterSource broken = new CounterSource() {
      @Override
      public PollOutcome poll(SnmpAgent agent) {
        throw new IllegalStateException("boom");
      }

      @Override
      public void close() {}
    };
    try (SnmpLoadPoller poller = new SnmpLoadPoller(AGENTS, broken, 2)) {
      assertThat(poller.poll()).isEmpty();
      assertThat(poller.lastOutcomes().values()).allSatisfy(o -> assertThat(o)
          .isInstanceOfSatisfying(PollOutcome.Failed.class, f -> assertThat(f.detail()).contains("boom")));
    }
  }
}
