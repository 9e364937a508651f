package io.cuttle.enforce.macos;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementProvider;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.util.Locale;
import java.util.Optional;

/** Available on macOS; pfctl and dnctl need root (checked when applying). */
public final class MacPfProvider implements EnforcementProvider {
  @Override
  public String name() {
    return "macos";
  }

  @Override
  public boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Optional<String> unavailabilityCause() {
    String os = System.getProperty("os.name", "");
    return os.toLowerCase(Locale.ROOT).startsWith("mac") ? Optional.empty() : Optional.of("expected macOS, got " + os);
  }

  @Override
  public EnforcementAdapter create(EnforcementSettings settings) {
    return new MacPfAdapter(ProcessCommandRunner.local(), settings.policyPrefix());
  }
}
