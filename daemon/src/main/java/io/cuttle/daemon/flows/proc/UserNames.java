package io.cuttle.daemon.flows.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * User names by uid from a passwd file, re-read at most once per uid it does not know (users
 * created after start-up). A uid without a name is named by its number.
 */
public final class UserNames {
  private final Path passwd;
  private final Map<Integer, String> names = new HashMap<>();
  private final Map<Integer, Boolean> missed = new HashMap<>();

  public UserNames(Path passwd) {
    this.passwd = Objects.requireNonNull(passwd, "passwd");
    reload();
  }

  public static UserNames system() {
    return new UserNames(Path.of("/etc/passwd"));
  }

  public synchronized String name(int uid) {
    String n = names.get(uid);
    if (n == null && missed.putIfAbsent(uid, Boolean.TRUE) == null) {
      reload();
      n = names.get(uid);
    }
    return n != null ? n : Integer.toString(uid);
  }

  private void reload() {
    try {
      for (String line : Files.readAllLines(passwd)) {
        String[] f = line.split(":");
        if (f.length > 2) {
          try {
            names.put(Integer.parseInt(f[2]), f[0]);
          } catch (NumberFormatException e) {
            // A malformed line names nobody.
          }
        }
      }
    } catch (IOException e) {
      // No passwd file: every user is named by number.
    }
  }
}
