package io.cuttle.cli;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.HostPort;
import io.cuttle.common.config.Location;
import io.cuttle.common.config.ConfigException;
import java.util.List;

/** Parsing of command-line flag values, with errors in the same form as config diagnostics. */
final class Flags {
  private Flags() {}

  static HostPort hostPort(String flag, String value) throws ConfigException {
    try {
      return HostPort.parse(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(new Diagnostic(new Location("command line", 1, 1), flag,
          "expected host:port, got '" + value + "' (" + e.getMessage() + ")")));
    }
  }
}
