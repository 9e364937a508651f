package io.cuttle.enforce.linux;

import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.CommandRunner;
import java.util.List;
import java.util.Optional;

/**
 * Runs nft transactions (the text {@code nft -f} reads) for the adapter: in this process through
 * libnftables ({@link InProcessNft}) or by starting the {@code nft} command ({@link #process}).
 */
interface NftExecutor extends AutoCloseable {
  /** Applies a transaction; empty on success, else nft's message. */
  Optional<String> apply(String script);

  /** Dry-runs a transaction; empty when the kernel would accept it. */
  Optional<String> check(String script);

  /** How transactions run, for logs ({@code libnftables}, {@code nft command}). */
  String describe();

  @Override
  void close();

  /** Starts {@code nft -f -} (or {@code nft -c -f -}) through {@code run} for each transaction. */
  static NftExecutor process(CommandRunner run) {
    return new NftExecutor() {
      @Override
      public Optional<String> apply(String script) {
        CommandResult r = run.run(List.of("nft", "-f", "-"), script);
        return r.ok() ? Optional.empty() : Optional.of(r.describe());
      }

      @Override
      public Optional<String> check(String script) {
        CommandResult r = run.run(List.of("nft", "-c", "-f", "-"), script);
        return r.ok() ? Optional.empty() : Optional.of(r.describe());
      }

      @Override
      public String describe() {
        return "nft command";
      }

      @Override
      public void close() {
        // nothing held between commands
      }
    };
  }
}
