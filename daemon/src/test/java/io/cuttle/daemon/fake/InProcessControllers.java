package io.cuttle.daemon.fake;

import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.subscription.ChannelFactory;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * In-process gRPC servers addressed by made-up {@code host:port} names, and the channel factory
 * that reaches them; an address without a server fails like a controller that is down.
 */
public final class InProcessControllers implements AutoCloseable {
  private final List<Server> servers = new ArrayList<>();

  /** Serves {@code service} under a fresh address. */
  public HostPort start(FakeStateDistribution service) {
    HostPort address = unused();
    try {
      servers.add(InProcessServerBuilder.forName(address.toString()).addService(service).build().start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return address;
  }

  /** An address nothing listens on. */
  public HostPort unused() {
    return new HostPort("controller-" + UUID.randomUUID(), 7420);
  }

  public ChannelFactory channels() {
    return address -> InProcessChannelBuilder.forName(address.toString()).build();
  }

  @Override
  public void close() {
    for (Server s : servers) {
      s.shutdownNow();
    }
    try {
      for (Server s : servers) {
        s.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
