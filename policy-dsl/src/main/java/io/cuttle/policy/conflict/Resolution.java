package io.cuttle.policy.conflict;

import io.cuttle.host.enforce.DesiredState;
import java.util.List;
import java.util.Objects;

/** The effective desired state and who owns each of its parts. */
public record Resolution(DesiredState desired, List<Ownership> owners) {
  public static final Resolution EMPTY = new Resolution(DesiredState.empty(), List.of());

  public Resolution {
    Objects.requireNonNull(desired, "desired");
    owners = List.copyOf(owners);
  }
}
