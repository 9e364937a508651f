package io.cuttle.policy.engine;

import io.cuttle.host.enforce.DesiredState;

/**
 * Where the engine hands the desired state after every run that changed it. Implementations
 * (OS adapters, a dry-run recorder) reconcile the operating system; the engine never does.
 */
@FunctionalInterface
public interface EnforcementService {
  /** Nothing is enforced (tests, {@code policy test}, a daemon without adapters). */
  EnforcementService NONE = desired -> { };

  /** Called on the engine's thread; must not block for long. */
  void apply(DesiredState desired);
}
