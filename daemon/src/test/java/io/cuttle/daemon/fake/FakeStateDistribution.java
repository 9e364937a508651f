package io.cuttle.daemon.fake;

import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.ReportAck;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A controller that does nothing on its own: it records each Watch (the request and its open
 * stream, for the test to push messages on or end) and each Report, which it acknowledges with
 * {@link #ackVersion}.
 */
public final class FakeStateDistribution extends StateDistributionGrpc.StateDistributionImplBase {
  private final BlockingQueue<Watch> watches = new LinkedBlockingQueue<>();
  private final BlockingQueue<HostReport> reports = new LinkedBlockingQueue<>();
  public volatile long ackVersion;

  /** One open Watch stream. */
  public static final class Watch {
    public final WatchRequest request;
    private final ServerCallStreamObserver<StateMessage> stream;
    private final CountDownLatch cancelled = new CountDownLatch(1);

    Watch(WatchRequest request, ServerCallStreamObserver<StateMessage> stream) {
      this.request = request;
      this.stream = stream;
      stream.setOnCancelHandler(cancelled::countDown);
    }

    public Watch send(StateMessage... messages) {
      for (StateMessage m : messages) {
        stream.onNext(m);
      }
      return this;
    }

    public void fail(Status status) {
      stream.onError(status.asRuntimeException());
    }

    public void complete() {
      stream.onCompleted();
    }

    /** True once the daemon cancelled this stream (waits up to the test timeout). */
    public boolean awaitCancelled() throws InterruptedException {
      return cancelled.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<StateMessage> responseObserver) {
    watches.add(new Watch(request, (ServerCallStreamObserver<StateMessage>) responseObserver));
  }

  @Override
  public void report(HostReport request, StreamObserver<ReportAck> responseObserver) {
    reports.add(request);
    responseObserver.onNext(ReportAck.newBuilder().setVersion(ackVersion).build());
    responseObserver.onCompleted();
  }

  public Watch awaitWatch() {
    return Await.next(watches, "Watch request");
  }

  public HostReport awaitReport() {
    return Await.next(reports, "report");
  }

  public BlockingQueue<HostReport> reports() {
    return reports;
  }

  /** True if no Watch arrived (beyond those taken) - for checks after a known event. */
  public boolean noPendingWatch() {
    return watches.isEmpty();
  }
}
