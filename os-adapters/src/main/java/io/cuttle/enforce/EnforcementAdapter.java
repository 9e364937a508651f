package io.cuttle.enforce;

import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.DesiredState;

/**
 * Makes the operating system match a desired state and undoes exactly what it installed. Every
 * call takes the <em>whole</em> desired state: whatever the adapter owns that the state does not name
 * is removed. Implementations are not required to be thread-safe; callers serialise calls.
 */
public interface EnforcementAdapter extends AutoCloseable {
  /** Short name for logs, e.g. {@code linux-nft-tc}. */
  String name();

  /**
   * Reconciles the OS to {@code desired}, with {@code processes} telling which PIDs make up each app.
   * Never throws for OS errors: they become {@link io.cuttle.host.enforce.RestrictionOutcome#KERNEL_REFUSED}
   * outcomes carrying the OS's message.
   */
  EnforcementReport reconcile(DesiredState desired, AppProcesses processes);

  /**
   * Checks the OS still holds what the last {@link #reconcile} installed; when something was removed
   * or changed behind the adapter's back, re-applies the last desired state and says what drifted.
   */
  VerifyReport verify();

  /** Releases resources. Leaves the installed state in place (a restart reconciles it). */
  @Override
  void close();
}
