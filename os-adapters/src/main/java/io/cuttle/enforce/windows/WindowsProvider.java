package io.cuttle.enforce.windows;

import io.cuttle.enforce.EnforcementAdapter;
import io.cuttle.enforce.EnforcementProvider;
import io.cuttle.enforce.EnforcementSettings;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import java.util.Locale;
import java.util.Optional;

/** Available on Windows: QoS policies and firewall rules need an elevated PowerShell (checked when applying). */
public final class WindowsProvider implements EnforcementProvider {
  @Override
  public String name() {
    return "windows";
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
    return os.toLowerCase(Locale.ROOT).startsWith("windows") ? Optional.empty()
        : Optional.of("expected Windows, got " + os);
  }

  @Override
  public EnforcementAdapter create(EnforcementSettings settings) {
    return new WindowsAdapter(ProcessCommandRunner.local(), settings.policyPrefix());
  }
}
