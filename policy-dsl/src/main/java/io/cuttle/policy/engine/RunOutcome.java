package io.cuttle.policy.engine;

/** What one run of one handler did. */
public enum RunOutcome {
  /** {@code exception(net)} was false (or not yet true often enough, or held down). */
  NO_EXCEPTION,
  /** {@code exception(net)} was true but {@code fire} already ran for this episode. */
  ALREADY_FIRED,
  /** {@code fire} ran (and any function it registered ran too). */
  FIRED,
  /** The registered handler functions ran and stayed registered. */
  HANDLED,
  /** The handler deregistered; its restrictions were reverted. */
  DEREGISTERED,
  /** The handler failed; its restrictions were reverted. */
  FAILED
}
