package io.cuttle.common.config;

import java.util.Objects;

/**
 * A listen or connect address written as {@code host:port}, {@code [v6-address]:port} or
 * {@code :port} (all interfaces). The host is kept as written; nothing is resolved here.
 *
 * @param host a host name or address literal, without brackets; empty means all interfaces
 * @param port 0..65535; 0 lets the operating system choose
 */
public record HostPort(String host, int port) {
  public static final int MAX_PORT = 65535;

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be 0.." + MAX_PORT + ", got " + port);
    }
    if (host.contains(" ") || host.contains("[") || host.contains("]")) {
      throw new IllegalArgumentException("host must not contain spaces or brackets, got '" + host + "'");
    }
  }

  /**
   * Parses {@code host:port}, {@code [::1]:port} or {@code :port}; throws IllegalArgumentException
   * with a message that says what was expected.
   */
  public static HostPort parse(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("no ':' before the port");
    }
    String host = t.substring(0, colon);
    String portText = t.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("an IPv6 host must be written in brackets, like [::1]:7420");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port '" + portText + "' is not a number");
    }
    if (port < 0 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be 0.." + MAX_PORT + ", got " + port);
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
