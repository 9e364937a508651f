package io.cuttle.daemon.subscription;

import io.cuttle.common.config.HostPort;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/** Opens a gRPC channel to a controller address; tests substitute in-process channels. */
@FunctionalInterface
public interface ChannelFactory {
  ManagedChannel open(HostPort address);

  /**
   * Plaintext Netty channels. Keepalive pings every 5 minutes (the least interval a default
   * gRPC server permits) detect a connection that died without a close.
   */
  static ChannelFactory netty() {
    return address -> NettyChannelBuilder.forAddress(address.host(), address.port())
        .usePlaintext()
        .keepAliveTime(5, TimeUnit.MINUTES)
        .keepAliveTimeout(20, TimeUnit.SECONDS)
        .build();
  }
}
