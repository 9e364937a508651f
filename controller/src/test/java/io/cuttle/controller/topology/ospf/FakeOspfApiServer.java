package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.ospf.api.ApiFrame;
import io.cuttle.controller.topology.ospf.api.ApiMessage;
import io.cuttle.controller.topology.ospf.api.FrameDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speaks the server side of FRR's OSPF API on a loopback port, enough for the client: it
 * accepts the request connection, connects back to the client's port + 1, answers REGISTER_EVENT,
 * SYNC_LSDB (sending its LSAs first), SYNC_NSM and SYNC_ROUTER_ID (sending the router id first).
 * Tests push live notifications, raw bytes (partial frames, garbage) and drop connections. A
 * narrow stand-in for the failure modes the real ospfd cannot be made to show on demand; the lab
 * tests use the real one.
 */
public final class FakeOspfApiServer implements AutoCloseable {
  private final ServerSocket server;
  private final Map<String, byte[]> lsdb = new LinkedHashMap<>(); // key -> area(4) + lsa
  private final Thread acceptor;
  private final AtomicInteger sessions = new AtomicInteger();
  private volatile CountDownLatch holdMarker = new CountDownLatch(0);
  private volatile int neighborState = ApiMessage.NsmChange.FULL;
  private volatile Socket sync;
  private volatile Socket async;
  private volatile boolean closed;

  public FakeOspfApiServer() throws IOException {
    server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "fake-ospfd");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  /** Sets an LSA of the database served at the next synchronisation. */
  public synchronized void put(int area, byte[] lsa) {
    lsdb.put(key(area, lsa), withArea(area, lsa));
  }

  public synchronized void remove(int area, byte[] lsa) {
    lsdb.remove(key(area, lsa));
  }

  /** Until {@link #releaseMarker}, the end-of-synchronisation router id is not sent. */
  public void holdMarker() {
    holdMarker = new CountDownLatch(1);
  }

  public void releaseMarker() {
    holdMarker.countDown();
  }

  /** The state of the one neighbour reported at SYNC_NSM (default Full). */
  public void neighborState(int state) {
    neighborState = state;
  }

  /** An NSM_CHANGE frame for the one neighbour (10.0.0.2, router id 2.2.2.2). */
  public static byte[] nsmFrame(long seq, int state) {
    byte[] body = ByteBuffer.allocate(16).putInt(0x0a000001).putInt(0x0a000002).putInt(0x02020202)
        .put((byte) state).put(new byte[3]).array();
    return new ApiFrame(ApiMessage.NSM_CHANGE, seq, body).encode();
  }

  public int sessions() {
    return sessions.get();
  }

  private static String key(int area, byte[] lsa) {
    return (lsa[3] == 5 ? 0 : area) + "/" + java.util.HexFormat.of().formatHex(lsa, 3, 12);
  }

  private static byte[] withArea(int area, byte[] lsa) {
    return ByteBuffer.allocate(4 + lsa.length).putInt(area).put(lsa).array();
  }

  /** An LSA_UPDATE_NOTIFY or LSA_DELETE_NOTIFY frame. */
  public static byte[] lsaFrame(boolean delete, long seq, int area, byte[] lsa) {
    byte[] body = ByteBuffer.allocate(12 + lsa.length).putInt(0).putInt(area).put((byte) 0).put(new byte[3])
        .put(lsa).array();
    return new ApiFrame(delete ? ApiMessage.LSA_DELETE_NOTIFY : ApiMessage.LSA_UPDATE_NOTIFY, seq, body).encode();
  }

  /** Sends raw bytes on the notification connection (valid frames, halves of frames, garbage). */
  public void sendAsync(byte[] bytes) throws IOException {
    OutputStream out = async.getOutputStream();
    out.write(bytes);
    out.flush();
  }

  /** Closes the current session's connections (as a crashing ospfd would). */
  public void dropSession() throws IOException {
    if (sync != null) {
      sync.close();
    }
    if (async != null) {
      async.close();
    }
  }

  /** Waits until a session's synchronisation has been answered. */
  public void awaitSessions(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sessions.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        Socket back = new Socket();
        back.connect(new InetSocketAddress(s.getInetAddress(), s.getPort() + 1), 2000);
        back.setTcpNoDelay(true);
        sync = s;
        async = back;
        serve(s, back);
      } catch (IOException | InterruptedException e) {
        // session over; accept the next
      }
    }
  }

  private void serve(Socket s, Socket back) throws IOException, InterruptedException {
    FrameDecoder d = new FrameDecoder();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[4096];
    int n;
    while ((n = in.read(buf)) > 0) {
      for (ApiFrame f : d.feed(buf, 0, n).frames()) {
        answer(f, s, back);
      }
    }
  }

  private void answer(ApiFrame f, Socket s, Socket back) throws IOException, InterruptedException {
    if (f.type() == ApiMessage.SYNC_LSDB) {
      List<byte[]> entries;
      synchronized (this) {
        entries = new ArrayList<>(lsdb.values());
      }
      for (byte[] e : entries) {
        ByteBuffer b = ByteBuffer.wrap(e);
        int area = b.getInt();
        byte[] lsa = new byte[e.length - 4];
        b.get(lsa);
        back.getOutputStream().write(lsaFrame(false, f.sequence(), area, lsa));
      }
    }
    if (f.type() == ApiMessage.SYNC_NSM) {
      back.getOutputStream().write(nsmFrame(f.sequence(), neighborState));
    }
    if (f.type() == ApiMessage.SYNC_ROUTER_ID) {
      holdMarker.await(10, TimeUnit.SECONDS);
      back.getOutputStream().write(new ApiFrame(ApiMessage.ROUTER_ID_CHANGE, f.sequence(),
          new byte[] {10, (byte) 255, 0, (byte) 254}).encode());
      sessions.incrementAndGet();
    }
    back.getOutputStream().flush();
    s.getOutputStream().write(new ApiFrame(ApiMessage.REPLY, f.sequence(), new byte[4]).encode());
    s.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    dropSession();
  }
}
