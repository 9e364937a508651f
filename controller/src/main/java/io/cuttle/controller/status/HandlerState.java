package io.cuttle.controller.status;

import java.util.Objects;

/**
 * One handler a host runs, as the host reported it.
 *
 * @param name  the handler's name
 * @param phase its phase as the daemon words it, e.g. {@code registered}, {@code idle}, {@code failed}
 */
public record HandlerState(String name, String phase) {
  public HandlerState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
  }
}
