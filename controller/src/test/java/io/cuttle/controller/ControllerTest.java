package io.cuttle.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.HostPort;
import io.cuttle.controller.ControllerConfig.TopologySource;
import io.cuttle.controller.topology.file.ExampleTopology;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.wire.v1.StateDistributionGrpc;
import io.cuttle.wire.v1.StateMessage;
import io.cuttle.wire.v1.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real controller on loopback: gRPC Watch, the HTTP endpoints, and bad input while running. */
class ControllerTest {
  @TempDir
  Path dir;

  @Test
  void servesTheFileKeepsTheLastGoodStateOnBadInputAndFollowsTheFix() throws Exception {
    Path file = dir.resolve("topology.yaml");
    String good = ExampleTopology.text();
    Files.writeString(file, good);
    ControllerConfig config = new ControllerConfig(new HostPort("127.0.0.1", 0),
        Optional.of(new HostPort("127.0.0.1", 0)), new TopologySource.FromFile(file, Duration.ofMillis(100)),
        64, 64, Duration.ofMillis(200), OptionalLong.empty(), Duration.ZERO);
    try (Controller c = Controller.start(config, Clock.systemUTC())) {
      // The topology is committed at once; its annotations follow at the pacer's next tick.
      await(() -> !c.store().current().annotations().isEmpty());
      NetworkState served = c.store().current();
      assertThat(served.linkNamed("branch-lte")).isPresent();

      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", c.port()).usePlaintext().build();
      LinkedBlockingQueue<StateMessage> inbox = new LinkedBlockingQueue<>();
      StateDistributionGrpc.newStub(ch).watch(WatchRequest.newBuilder().setHostId("t1").build(), collect(inbox));
      StateMessage first = inbox.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      NetworkState held = WireCodec.state(first.getSnapshot());
      assertThat(held).isEqualTo(served);

      // A negative cost: rejected with its line, the state stays, the stream stays alive.
      Files.writeString(file, good.replace("cost: 2000", "cost: -5"));
      await(() -> c.statusJson().contains("\"problems\""));
      assertThat(c.statusJson()).contains("topology.yaml:").contains("-5");
      assertThat(c.store().current()).isSameAs(served);
      StateMessage beat = inbox.poll(10, TimeUnit.SECONDS);
      assertThat(beat.getKindCase()).isEqualTo(StateMessage.KindCase.HEARTBEAT);
      assertThat(beat.getHeartbeat().getVersion()).isEqualTo(served.version());

      String metrics = get(c, "/metrics");
      assertThat(metrics).contains("cuttle_controller_subscribers 1.0")
          .containsPattern("cuttle_controller_provider_specs_total\\{outcome=\"rejected\"} [1-9]");

      // The fix (with a real change) flows to the subscriber as a delta.
      Files.writeString(file, good.replace("cost: 2000", "cost: 3000"));
      StateMessage m;
      do {
        m = inbox.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("a delta within 10 s").isNotNull();
      } while (m.getKindCase() != StateMessage.KindCase.DELTAS);
      for (var d : m.getDeltas().getDeltaList()) {
        held = held.apply(WireCodec.delta(held.lineage(), d));
      }
      assertThat(held).isEqualTo(c.store().current());
      assertThat(held.linkNamed("branch-lte").orElseThrow().costAb()).isEqualTo(3000);
      // The bridge clears the rejection once the commit is done, just after the delta went out.
      await(() -> c.statusJson().contains("\"lastRejection\" : null"));
      ch.shutdownNow();
    }
  }

  private static String get(Controller c, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + c.httpPort().orElseThrow() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static StreamObserver<StateMessage> collect(LinkedBlockingQueue<StateMessage> inbox) {
    return new StreamObserver<>() {
      @Override
      public void onNext(StateMessage value) {
        inbox.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  @Test
  void closeCompletesTheWatchStreamsOfConnectedDaemons() throws Exception {
    ControllerConfig config = new ControllerConfig(new HostPort("127.0.0.1", 0), Optional.empty(),
        new TopologySource.Example(), 64, 64, Duration.ofSeconds(5), OptionalLong.empty(), Duration.ZERO);
    Controller c = Controller.start(config, Clock.systemUTC());
    ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", c.port()).usePlaintext().build();
    boolean closed = false;
    try {
      LinkedBlockingQueue<StateMessage> inbox = new LinkedBlockingQueue<>();
      LinkedBlockingQueue<String> end = new LinkedBlockingQueue<>();
      StateDistributionGrpc.newStub(ch).watch(WatchRequest.newBuilder().setHostId("t1").build(),
          new StreamObserver<>() {
            @Override
            public void onNext(StateMessage value) {
              inbox.add(value);
            }

            @Override
            public void onError(Throwable t) {
              end.add("error " + io.grpc.Status.fromThrowable(t).getCode());
            }

            @Override
            public void onCompleted() {
              end.add("completed");
            }
          });
      assertThat(inbox.poll(10, TimeUnit.SECONDS)).as("the first message").isNotNull();
      long t0 = System.nanoTime();
      closed = true;
      c.close();
      System.out.printf("controller close with one Watch stream open: %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      // Without completing the stream, the server waits out its grace period and then cancels the call.
      assertThat(end.poll(10, TimeUnit.SECONDS)).isEqualTo("completed");
    } finally {
      if (!closed) {
        c.close();
      }
      ch.shutdownNow();
    }
  }

  @Test
  void annotationsFromTheConfigAreLaidOverTheTopologySource() throws Exception {
    ControllerConfig config = ControllerConfigParser.parse("controller.yaml", """
        listen: 127.0.0.1:0
        metrics-listen: off
        annotations:
          links:
            - routers: [10.255.0.10, 10.255.0.1]
              labels: [metered]
              cost-per-gb: 0.07
          sites:
            - name: servers
              prefixes: [10.1.100.0/24]
              uplinks: [{link: campus-wan2, inside: 10.255.0.2}]
        """);
    try (Controller c = Controller.start(config, Clock.systemUTC())) {
      await(() -> c.store().current().site("servers").isPresent() && c.settled()); // annotations are paced
      NetworkState s = c.store().current();
      int wan1 = s.linkNamed("campus-wan1").orElseThrow().id();
      assertThat(s.annotation(wan1).labels()).containsExactly("metered");
      assertThat(s.annotation(wan1).costMicros()).hasValue(70_000);
      assertThat(s.site("servers").orElseThrow().uplinks()).singleElement().satisfies(u -> {
        assertThat(u.link()).isEqualTo(s.linkNamed("campus-wan2").orElseThrow().id());
        assertThat(u.insideNode()).isEqualTo(s.nodeNamed("core2").orElseThrow().id());
      });
      assertThat(s.site("campus")).as("the source's own sites stay").isPresent();
      assertThat(c.statusJson()).contains("+annotations").contains("\"annotations\"")
          .contains("\"unresolved\" : [ ]");
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
