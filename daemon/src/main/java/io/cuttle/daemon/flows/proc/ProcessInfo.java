package io.cuttle.daemon.flows.proc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code /proc} says about one process, read while its start time stayed the same.
 *
 * @param exe     the executable's path ({@code /proc/PID/exe}); a deleted file keeps its old path
 * @param cmdline arguments, the first being the program as invoked
 * @param uid     real uid
 * @param user    user name for {@code uid} (the number when the name is unknown)
 * @param cgroup  cgroup v2 path (or the systemd v1 hierarchy path on a hybrid host), "/" if none
 * @param unit    the systemd unit (service or scope) the process runs in, if any
 */
public record ProcessInfo(ProcessId id, String exe, List<String> cmdline, int uid, String user, String cgroup,
    Optional<String> unit) {
  public ProcessInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exe, "exe");
    cmdline = List.copyOf(cmdline);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(cgroup, "cgroup");
    Objects.requireNonNull(unit, "unit");
  }

  /** The command line joined by spaces, as command-line patterns see it. */
  public String commandLine() {
    return String.join(" ", cmdline);
  }

  /** The executable's file name. */
  public String exeName() {
    int slash = exe.lastIndexOf('/');
    String name = slash >= 0 ? exe.substring(slash + 1) : exe;
    return name.endsWith(" (deleted)") ? name.substring(0, name.length() - 10) : name;
  }
}
