package io.cuttle.daemon.flows.netlink;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A raw {@code NETLINK_SOCK_DIAG} socket. Not thread-safe: one owner at a time. Close it to free
 * the descriptor.
 */
final class NetlinkSocket implements AutoCloseable {
  private static final int EINTR = 4;
  private static final int EAGAIN = 11;
  private static final int SO_RCVTIMEO = 20;
  private final int fd;
  private volatile boolean closed;

  private NetlinkSocket(int fd) {
    this.fd = fd;
  }

  /**
   * Opens a socket in the calling thread's namespace, subscribed to the given multicast
   * {@code groups} bit mask (0: none) and with a receive buffer of {@code rcvbuf} bytes.
   */
  static NetlinkSocket open(int groups, int rcvbuf) throws NetlinkException {
    int fd;
    try {
      fd = LibC.INSTANCE.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_SOCK_DIAG);
    } catch (LastErrorException e) {
      throw new NetlinkException("socket(AF_NETLINK, NETLINK_SOCK_DIAG) failed: errno " + e.getErrorCode());
    }
    NetlinkSocket s = new NetlinkSocket(fd);
    try {
      try {
        LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, new int[] {rcvbuf}, 4);
      } catch (LastErrorException e) {
        LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, new int[] {rcvbuf}, 4);
      }
      // A receive timeout lets a thread blocked in recv notice close() (close alone does not wake it).
      LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, SO_RCVTIMEO, new int[] {0, 0, 200_000, 0}, 16);
      ByteBuffer addr = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
      addr.putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups);
      LibC.INSTANCE.bind(fd, addr.array(), 12);
    } catch (LastErrorException e) {
      s.close();
      throw new NetlinkException("cannot set up sock_diag socket (groups " + groups + "): errno "
          + e.getErrorCode() + (e.getErrorCode() == 1 ? " (needs CAP_NET_ADMIN)" : ""));
    }
    return s;
  }

  void send(byte[] message) throws NetlinkException {
    try {
      LibC.INSTANCE.send(fd, message, message.length, 0);
    } catch (LastErrorException e) {
      throw new NetlinkException("send on sock_diag socket failed: errno " + e.getErrorCode());
    }
  }

  /** Receives one datagram into {@code buf}; returns its length, or -1 once closed. */
  int receive(byte[] buf) throws NetlinkException {
    while (true) {
      if (closed) {
        return -1;
      }
      try {
        return (int) LibC.INSTANCE.recv(fd, buf, buf.length, 0);
      } catch (LastErrorException e) {
        if (e.getErrorCode() == EINTR || e.getErrorCode() == EAGAIN) {
          continue;
        }
        if (closed) {
          return -1;
        }
        throw new NetlinkException("recv on sock_diag socket failed: errno " + e.getErrorCode()
            + (e.getErrorCode() == 105 ? " (ENOBUFS: events were lost)" : ""));
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        LibC.INSTANCE.close(fd);
      } catch (LastErrorException e) {
        // Already closed: nothing left to free.
      }
    }
  }
}
