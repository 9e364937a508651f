package io.cuttle.common.metrics;

import java.util.Objects;

/**
 * What a GET route answers: an HTTP status, a content type and a body (sent as UTF-8).
 *
 * @param status      HTTP status code (100..599)
 * @param contentType value of the {@code Content-Type} header
 * @param body        the response body
 */
public record RouteResponse(int status, String contentType, String body) {
  public static final String JSON = "application/json; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  public RouteResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** 200 with a body of the given content type. */
  public static RouteResponse ok(String contentType, String body) {
    return new RouteResponse(200, contentType, body);
  }

  /** 200 with a JSON body. */
  public static RouteResponse json(String body) {
    return ok(JSON, body);
  }

  /** 200 with a plain-text body. */
  public static RouteResponse text(String body) {
    return ok(TEXT, body);
  }

  /** A plain-text error such as 400 or 503; the message becomes the body. */
  public static RouteResponse error(int status, String message) {
    return new RouteResponse(status, TEXT, message + "\n");
  }
}
