package io.cuttle.controller.status;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the PostgreSQL store connects.
 *
 * @param url          a JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param user         the database user
 * @param passwordFile a file whose first line is the password; empty for none (trust, peer or .pgpass)
 * @param queue        hosts whose latest status may wait for the writer; beyond, updates are dropped and counted
 */
public record PostgresOptions(String url, String user, Optional<Path> passwordFile, int queue) {
  public static final int DEFAULT_QUEUE = 65_536;
  public static final int MIN_QUEUE = 16;
  public static final int MAX_QUEUE = 10_000_000;
  public static final String URL_PREFIX = "jdbc:postgresql:";

  public PostgresOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordFile, "passwordFile");
    if (!url.startsWith(URL_PREFIX)) {
      throw new IllegalArgumentException("url must start with " + URL_PREFIX + ", got '" + url + "'");
    }
    if (queue < MIN_QUEUE || queue > MAX_QUEUE) {
      throw new IllegalArgumentException("queue must be " + MIN_QUEUE + ".." + MAX_QUEUE + ", got " + queue);
    }
  }
}
