package io.cuttle.controller.annotation;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An SNMP v2c agent to poll, usually one per router.
 *
 * @param address   the agent's address (a literal; nothing is resolved)
 * @param port      the agent's UDP port, normally 161
 * @param community the v2c community string
 */
public record SnmpAgent(InetAddress address, int port, String community) {
  public static final int DEFAULT_PORT = 161;

  public SnmpAgent {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(community, "community");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("agent port must be 1..65535, got " + port);
    }
  }

  @Override
  public String toString() {
    String host = address.getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
