package io.cuttle.common.metrics;

import java.io.IOException;
import java.net.URI;

/** Answers GET requests for one path registered on a {@link MetricsServer}. */
@FunctionalInterface
public interface RouteHandler {
  /**
   * Builds the response; called on a server thread, possibly concurrently with other requests.
   *
   * @param requestUri the request URI as sent (path and query), for handlers that take options
   */
  RouteResponse handle(URI requestUri) throws IOException;
}
