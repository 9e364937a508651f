package io.cuttle.enforce.linux;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A kernel-safe name for an app (cgroup directory, nft comment): letters, digits, {@code _ . -};
 * any other character becomes {@code _} and a CRC32 of the original name is appended so two apps
 * never share a slug.
 */
final class AppSlug {
  private static final int MAX = 48;

  private AppSlug() {
  }

  static String of(String app) {
    StringBuilder b = new StringBuilder();
    for (char c : app.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.' || c == '-' ? c : '_');
    }
    String clean = b.toString();
    if (clean.startsWith(".")) {
      clean = "_" + clean.substring(1);
    }
    if (clean.equals(app) && app.length() <= MAX) {
      return app;
    }
    CRC32 crc = new CRC32();
    crc.update(app.getBytes(StandardCharsets.UTF_8));
    String head = clean.length() > MAX - 10 ? clean.substring(0, MAX - 10) : clean;
    return head + "-h" + String.format("%08x", crc.getValue());
  }
}
