package io.cuttle.daemon.flows.netlink;

import java.io.IOException;

/** A netlink or namespace operation failed; the message names the call and the errno. */
public final class NetlinkException extends IOException {
  public NetlinkException(String message) {
    super(message);
  }
}
