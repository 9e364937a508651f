package io.cuttle.enforce.dryrun;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementProvider;
import io.cuttle.enforce.EnforcementSettings;
import java.util.Optional;

/** Always available, priority 0: chosen only when no real adapter is available (or when asked for). */
public final class DryRunProvider implements EnforcementProvider {
  @Override
  public String name() {
    return "dry-run";
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Optional<String> unavailabilityCause() {
    return Optional.empty();
  }

  @Override
  public EnforcementAdapter create(EnforcementSettings settings) {
    return new DryRunAdapter(settings.planSink());
  }
}
