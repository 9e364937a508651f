package io.cuttle.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.dryrun.DryRunProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdapterSelectorTest {
  /** A provider with fixed answers; one can throw from isAvailable to prove discovery survives it. */
  record FixedProvider(String name, boolean available, int priority, boolean throwing) implements EnforcementProvider {
    @Override
    public boolean isAvailable() {
      if (throwing) {
        throw new IllegalStateException("probe exploded");
      }
      return available;
    }

    @Override
    public Optional<String> unavailabilityCause() {
      return available ? Optional.empty() : Optional.of(name + " is missing its tools");
    }

    @Override
    public EnforcementAdapter create(EnforcementSettings settings) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void choosesTheAvailableProviderOfHighestPriorityAndSaysWhyForEachOther() {
    AdapterSelector s = new AdapterSelector(List.of(new DryRunProvider(), new FixedProvider("linux", false, 10, false),
        new FixedProvider("odd", true, 20, true), new FixedProvider("other", true, 5, false)));

    AdapterSelector.Selection sel = s.select(Optional.empty());

    assertThat(sel.chosen()).map(EnforcementProvider::name).contains("other");
    assertThat(sel.reasons()).containsExactly(
        "odd (priority 20): passed over, unavailable: availability check failed: java.lang.IllegalStateException: probe exploded",
        "linux (priority 10): passed over, unavailable: linux is missing its tools",
        "other (priority 5): chosen, available",
        "dry-run (priority 0): passed over, a provider was already chosen");
  }

  @Test
  void anExplicitNameWinsAndAnUnavailableNameChoosesNothing() {
    AdapterSelector s = new AdapterSelector(List.of(new DryRunProvider(), new FixedProvider("linux", false, 10, false)));

    assertThat(s.select(Optional.of("dry-run")).chosen()).map(EnforcementProvider::name).contains("dry-run");
    assertThat(s.select(Optional.of("linux")).chosen()).isEmpty();
  }

  @Test
  void serviceLoaderFindsEveryShippedProvider() {
    AdapterSelector.Selection sel = AdapterSelector.fromServiceLoader().select(Optional.empty());

    assertThat(sel.reasons()).hasSize(4).anyMatch(r -> r.startsWith("linux ")).anyMatch(r -> r.startsWith("windows "))
        .anyMatch(r -> r.startsWith("macos ")).anyMatch(r -> r.startsWith("dry-run "));
    assertThat(sel.chosen()).isPresent();
  }
}
