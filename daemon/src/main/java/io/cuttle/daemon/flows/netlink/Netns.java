package io.cuttle.daemon.flows.netlink;

import com.sun.jna.LastErrorException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A network namespace to open sockets in: the daemon's own ({@link #current()}) or one named by a
 * file such as {@code /run/netns/NAME}. A socket belongs to the namespace it was created in, so
 * {@link #call} runs the creation on a fresh thread that first joins the namespace and then ends:
 * no thread of the daemon ever changes namespace for longer than that.
 */
public final class Netns {
  private static final Netns CURRENT = new Netns(null);

  private final Path file;

  private Netns(Path file) {
    this.file = file;
  }

  public static Netns current() {
    return CURRENT;
  }

  /** The namespace bound at {@code file} (e.g. {@code /run/netns/blue}). */
  public static Netns at(Path file) {
    return new Netns(Objects.requireNonNull(file, "file"));
  }

  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Runs {@code action} inside this namespace (on a short-lived thread unless it is the current one). */
  public <T> T call(Callable<T> action) throws Exception {
    if (file == null) {
      return action.call();
    }
    FutureTask<T> task = new FutureTask<>(() -> {
      join();
      return action.call();
    });
    Thread t = new Thread(task, "cuttle-netns-" + file.getFileName());
    t.setDaemon(true);
    t.start();
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  /** Moves the calling thread into this namespace; only for threads that live in it for good. */
  public void joinForThisThread() throws NetlinkException {
    if (file != null) {
      join();
    }
  }

  private void join() throws NetlinkException {
    int fd;
    try {
      fd = LibC.INSTANCE.open(file.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new NetlinkException("cannot open network namespace " + file + ": errno " + e.getErrorCode());
    }
    try {
      LibC.INSTANCE.setns(fd, LibC.CLONE_NEWNET);
    } catch (LastErrorException e) {
      throw new NetlinkException("cannot join network namespace " + file + ": errno " + e.getErrorCode()
          + (e.getErrorCode() == 1 ? " (operation not permitted: needs CAP_SYS_ADMIN)" : ""));
    } finally {
      LibC.INSTANCE.close(fd);
    }
  }

  @Override
  public String toString() {
    return file == null ? "current" : file.toString();
  }
}
