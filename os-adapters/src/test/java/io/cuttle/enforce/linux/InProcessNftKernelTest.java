package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.enforce.exec.ProcessCommandRunner;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter the provider creates runs nft transactions through libnftables on a thread inside
 * its namespace, and keeps what its own last transaction wrote instead of reading the table before
 * each change: both checked against the real kernel in namespaces of their own.
 */
class InProcessNftKernelTest {
  private static NetnsLab lab;
  private static LinuxEnforcer enforcer;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("n", 18);
    enforcer = lab.enforcer();
  }

  @AfterEach
  void clear() {
    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
  }

  @AfterAll
  static void down() {
    if (enforcer != null) {
      enforcer.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void theProvidersAdapterAppliesThroughLibnftablesInsideItsNamespace() {
    long pid = lab.sleeper();
    EnforcementReport rep = enforcer.reconcile(DesiredState.combining(List.of(AppRestriction.of("bulk").withBlock())),
        AppProcesses.of("bulk", Set.of(pid)));

    assertThat(enforcer.nftBackend()).isEqualTo("libnftables");
    assertThat(rep.outcomeOf("bulk", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
    assertThat(lab.inA("nft", "list", "table", "inet", lab.table()).stdout()).contains("reject");
    assertThat(ProcessCommandRunner.local().run(List.of("nft", "list", "tables")).stdout())
        .as("nothing in the namespace the test runs in").doesNotContain("table inet " + lab.table() + "\n");
    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
    assertThat(lab.inA("nft", "list", "tables").stdout()).doesNotContain("table inet " + lab.table() + "\n");
  }

  @Test
  void aTransactionTheKernelRefusesComesBackWithNftsMessageAndADryRunChangesNothing() {
    InProcessNft nft = ((InProcessNft.Opened.Ready) InProcessNft.open(lab.settings().netns())).nft();
    try {
      Optional<String> refused = nft.apply("add rule inet " + lab.table() + "-none out reject\n");
      Optional<String> dry = nft.check("table inet " + lab.table() + "-dry {}\n");

      assertThat(refused).hasValueSatisfying(m -> assertThat(m)
          .startsWith("libnftables: expected result 0, got -1: Error: Could not process rule")
          .contains("No such file or directory"));
      assertThat(dry).isEmpty();
      assertThat(lab.inA("nft", "list", "tables").stdout()).doesNotContain(lab.table() + "-dry");
    } finally {
      nft.close();
    }
  }

  @Test
  void aTableDeletedBehindTheAdaptersBackIsWholeAgainAfterTheNextChange() {
    long one = lab.sleeper();
    long two = lab.sleeper();
    enforcer.reconcile(DesiredState.combining(List.of(AppRestriction.of("one").withBlock())),
        AppProcesses.of("one", Set.of(one)));
    assertThat(lab.inA("nft", "delete", "table", "inet", lab.table()).ok()).isTrue();

    EnforcementReport rep = enforcer.reconcile(DesiredState.combining(List.of(AppRestriction.of("one").withBlock(),
        AppRestriction.of("two").withBlock())), new AppProcesses(Map.of("one", new java.util.TreeSet<>(Set.of(one)),
        "two", new java.util.TreeSet<>(Set.of(two))), Map.of(), Map.of()));

    assertThat(rep.outcomeOf("one", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
    assertThat(rep.outcomeOf("two", ActionKind.BLOCK)).isEqualTo(RestrictionOutcome.APPLIED);
    String table = lab.inA("nft", "list", "set", "inet", lab.table(), "apps").stdout();
    assertThat(table).contains("app=one ").contains("app=two ");
    assertThat(enforcer.verify().isInSync()).isTrue();
  }
}
