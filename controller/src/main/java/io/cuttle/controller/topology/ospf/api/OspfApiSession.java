package io.cuttle.controller.topology.ospf.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One connection to ospfd's OSPF API. The client binds a local port P for its requests and
 * listens on P+1; ospfd accepts the request connection on port 2607 and connects back to P+1 for
 * notifications. {@link #request} sends a request and waits for its reply on the request
 * connection; {@link #readNotifications} reads the notification connection until it closes.
 */
public final class OspfApiSession implements AutoCloseable {
  /** Receives what the notification connection carries, in order, on the reading thread. */
  public interface Handler {
    /**
     * Messages decoded from one read, with the {@link System#nanoTime()} of the read.
     *
     * @return true to be called back with {@link #onQuiet} if nothing more arrives soon
     */
    boolean onMessages(List<ApiMessage> messages, long readNanos);

    /** Nothing arrived within the quiet period requested by {@link #onMessages}. */
    void onQuiet();

    /** A frame or message that could not be used (it was skipped). */
    void onProblem(String problem);
  }

  private static final int FIRST_PORT = 49152;
  private static final int LAST_PORT = 65532;

  private final Socket sync;
  private final Socket async;
  private final FrameDecoder replies = new FrameDecoder();
  private final List<ApiFrame> pendingReplies = new ArrayList<>();

  private OspfApiSession(Socket sync, Socket async) {
    this.sync = sync;
    this.async = async;
  }

  /**
   * Connects to ospfd's API at {@code server} and waits up to {@code timeout} for its connection
   * back.
   */
  public static OspfApiSession open(InetSocketAddress server, Duration timeout) throws IOException {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    IOException last = null;
    for (int attempt = 0; attempt < 32; attempt++) {
      int port = FIRST_PORT + 2 * ThreadLocalRandom.current().nextInt((LAST_PORT - FIRST_PORT) / 2);
      ServerSocket back = new ServerSocket();
      Socket sync = new Socket();
      try {
        back.setReuseAddress(true);
        back.bind(new InetSocketAddress(port + 1), 1);
        sync.setReuseAddress(true);
        sync.bind(new InetSocketAddress(port));
      } catch (BindException e) {
        closeQuietly(back, sync);
        last = e;
        continue;
      }
      try {
        sync.setTcpNoDelay(true);
        sync.connect(server, millis);
        back.setSoTimeout(millis);
        Socket async = back.accept();
        async.setTcpNoDelay(true);
        return new OspfApiSession(sync, async);
      } catch (IOException e) {
        closeQuietly(sync);
        throw e;
      } finally {
        back.close();
      }
    }
    throw new IOException("expected a free pair of local ports for the OSPF API, got none after 32 tries", last);
  }

  /**
   * Sends {@code request} and returns its reply's error code (0 = success).
   *
   * @throws IOException when the connection fails, the reply does not come within
   *                     {@code timeout}, or the stream is malformed
   */
  public synchronized int request(ApiFrame request, Duration timeout) throws IOException {
    OutputStream out = sync.getOutputStream();
    out.write(request.encode());
    out.flush();
    sync.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    InputStream in = sync.getInputStream();
    byte[] buf = new byte[4096];
    while (true) {
      for (ApiFrame f : pendingReplies) {
        if (f.sequence() == request.sequence()) {
          pendingReplies.remove(f);
          return switch (ApiMessageParser.parse(f)) {
            case ApiMessageParser.Parsed.Ok(ApiMessage.Reply r) -> r.error();
            case ApiMessageParser.Parsed.Ok ok -> throw new IOException("reply to request " + request.sequence()
                + ": expected a REPLY message, got type " + f.type());
            case ApiMessageParser.Parsed.Malformed m -> throw new IOException(m.problem());
          };
        }
      }
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        throw new IOException("request " + request.sequence() + " (type " + request.type()
            + "): expected a reply within " + timeout.toMillis() + " ms, got none", e);
      }
      if (n < 0) {
        throw new IOException("request connection closed by ospfd");
      }
      FrameDecoder.Output o = replies.feed(buf, 0, n);
      if (o.failed()) {
        throw new IOException("request connection: " + o.failure());
      }
      pendingReplies.addAll(o.frames());
    }
  }

  /**
   * Reads notifications until the connection closes or fails; returns why it ended. Never
   * throws; the caller's handler sees every decodable message in order.
   */
  public String readNotifications(Handler handler, Duration quietPeriod) {
    FrameDecoder decoder = new FrameDecoder();
    byte[] buf = new byte[65536];
    boolean waitingForQuiet = false;
    try {
      InputStream in = async.getInputStream();
      while (true) {
        async.setSoTimeout(waitingForQuiet ? (int) Math.max(1, quietPeriod.toMillis()) : 0);
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          waitingForQuiet = false;
          handler.onQuiet();
          continue;
        }
        long now = System.nanoTime();
        if (n < 0) {
          return "notification connection closed by ospfd";
        }
        FrameDecoder.Output o = decoder.feed(buf, 0, n);
        List<ApiMessage> messages = new ArrayList<>(o.frames().size());
        for (ApiFrame f : o.frames()) {
          switch (ApiMessageParser.parse(f)) {
            case ApiMessageParser.Parsed.Ok ok -> messages.add(ok.message());
            case ApiMessageParser.Parsed.Malformed m -> handler.onProblem(m.problem());
          }
        }
        if (!messages.isEmpty()) {
          waitingForQuiet = handler.onMessages(messages, now);
        }
        if (o.failed()) {
          handler.onProblem(o.failure());
          return "notification stream unusable: " + o.failure();
        }
      }
    } catch (IOException e) {
      return "notification connection failed: " + e.getMessage();
    }
  }

  public String describe() {
    return sync.getLocalSocketAddress() + " -> " + sync.getRemoteSocketAddress();
  }

  /** Closes both connections; a blocked {@link #readNotifications} returns. Idempotent. */
  @Override
  public void close() {
    closeQuietly(sync, async);
  }

  private static void closeQuietly(AutoCloseable... cs) {
    for (AutoCloseable c : cs) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing: nothing left to do
      }
    }
  }
}
