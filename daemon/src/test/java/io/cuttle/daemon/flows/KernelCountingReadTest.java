package io.cuttle.daemon.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.flows.kernel.KernelFlowTable;
import io.cuttle.enforce.exec.CommandResult;
import io.cuttle.enforce.exec.RecordingCommandRunner;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads of the kernel table hand out each counter's growth once, also across a failed listing. */
class KernelCountingReadTest {
  private static String listing(long packets) {
    return "{\"nftables\": [{\"set\": {\"name\": \"udp4_out\", \"elem\": [{\"elem\": {\"val\": {\"concat\": [\"10.0.0.1\","
        + " 4000, \"10.0.0.2\", 53]}, \"counter\": {\"packets\": " + packets + ", \"bytes\": " + packets * 128 + "}}}]}}]}";
  }

  @Test
  void aFailedListingHandsOutNothingAndTheNextCountsWhatItMissed() {
    Deque<CommandResult> answers = new ArrayDeque<>();
    RecordingCommandRunner run = new RecordingCommandRunner(c -> c.argv().stream().anyMatch(a -> a.contains("list"))
        ? answers.removeFirst() : new CommandResult(c.argv(), 0, "", ""));
    var table = ((KernelFlowTable.Installed.Active) KernelFlowTable.install(run, "t", Path.of("/sys/fs/cgroup"))).table();
    KernelCounting k = new KernelCounting(table);
    answers.add(new CommandResult(List.of("sh"), 0, listing(10), ""));
    answers.add(new CommandResult(List.of("sh"), 1, "", "netlink: Error: busy"));
    answers.add(new CommandResult(List.of("nft"), 1, "", "netlink: Error: busy"));
    answers.add(new CommandResult(List.of("nft"), 0, listing(15), ""));
    assertThat(k.read().udp().values()).singleElement().satisfies(v -> assertThat(v).containsExactly(1000, 0, 10, 0));
    assertThat(k.read().udp()).isEmpty();
    assertThat(k.read().udp().values()).singleElement().satisfies(v -> assertThat(v).containsExactly(500, 0, 5, 0));
    k.close();
    assertThat(run.calls().get(run.calls().size() - 1).stdin()).isEqualTo("delete table inet t\n");
  }
}
