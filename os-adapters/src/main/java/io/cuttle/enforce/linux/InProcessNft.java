package io.cuttle.enforce.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs nft transactions through libnftables on a thread of its own, which first enters the
 * adapter's network namespace (when one is configured). It saves starting {@code nft} (and
 * {@code nsenter}) for every change: the whole cost of a block is then the kernel's. The kernel
 * sees the same transaction text as with the command, so the rules and messages are the same.
 */
final class InProcessNft implements NftExecutor {
  private static final long TIMEOUT_SECONDS = 30;

  private final LibNftables.Nft lib;
  private final ExecutorService thread;
  private final Pointer ctx;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private InProcessNft(LibNftables.Nft lib, ExecutorService thread, Pointer ctx) {
    this.lib = lib;
    this.thread = thread;
    this.ctx = ctx;
  }

  /** Outcome of {@link #open}: an executor, or why libnftables cannot be used here. */
  sealed interface Opened {
    record Ready(InProcessNft nft) implements Opened {}

    record Unavailable(String cause) implements Opened {}
  }

  /**
   * Loads libnftables and makes a context on a new thread inside {@code netns} (a name under
   * /run/netns or an absolute path; empty: this process's namespace). Never throws.
   */
  static Opened open(Optional<String> netns) {
    LibNftables.Nft lib;
    LibNftables.C c;
    try {
      lib = LibNftables.nft();
      c = LibNftables.c();
    } catch (LinkageError | RuntimeException e) {
      return new Opened.Unavailable("expected libnftables.so.1 (package libnftables1), got: " + e.getMessage());
    }
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cuttle-nft");
      t.setDaemon(true);
      return t;
    });
    Future<Object> setup = thread.submit(() -> {
      if (netns.isPresent()) {
        String path = netns.get().startsWith("/") ? netns.get() : "/run/netns/" + netns.get();
        int fd = c.open(path, LibNftables.C.O_RDONLY | LibNftables.C.O_CLOEXEC);
        try {
          c.setns(fd, LibNftables.C.CLONE_NEWNET);
        } finally {
          c.close(fd);
        }
      }
      Pointer ctx = lib.nft_ctx_new(LibNftables.Nft.NFT_CTX_DEFAULT);
      if (ctx == null) {
        return "nft_ctx_new: expected a context, got NULL";
      }
      lib.nft_ctx_buffer_output(ctx);
      lib.nft_ctx_buffer_error(ctx);
      return ctx;
    });
    try {
      Object r = setup.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (r instanceof Pointer ctx) {
        return new Opened.Ready(new InProcessNft(lib, thread, ctx));
      }
      thread.shutdownNow();
      return new Opened.Unavailable(String.valueOf(r));
    } catch (ExecutionException e) {
      thread.shutdownNow();
      Throwable cause = e.getCause();
      return new Opened.Unavailable(cause instanceof LastErrorException le
          ? "entering network namespace " + netns.orElse("") + ": errno " + le.getErrorCode()
          : String.valueOf(cause));
    } catch (TimeoutException | InterruptedException e) {
      thread.shutdownNow();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new Opened.Unavailable("setting up libnftables: " + e);
    }
  }

  @Override
  public Optional<String> apply(String script) {
    return run(script, false);
  }

  @Override
  public Optional<String> check(String script) {
    return run(script, true);
  }

  private Optional<String> run(String script, boolean dry) {
    Future<Optional<String>> f = thread.submit(() -> {
      lib.nft_ctx_set_dry_run(ctx, dry);
      int rc = lib.nft_run_cmd_from_buffer(ctx, script);
      lib.nft_ctx_set_dry_run(ctx, false);
      String err = lib.nft_ctx_get_error_buffer(ctx);
      return rc == 0 ? Optional.<String>empty()
          : Optional.of("libnftables: expected result 0, got " + rc + ": " + (err == null ? "" : err.strip()));
    });
    try {
      return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return Optional.of("libnftables: " + e.getCause());
    } catch (TimeoutException e) {
      f.cancel(true);
      return Optional.of("libnftables: expected to finish within " + TIMEOUT_SECONDS + " s, got no answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("libnftables: interrupted");
    }
  }

  @Override
  public String describe() {
    return "libnftables";
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    thread.submit(() -> lib.nft_ctx_free(ctx));
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
