package io.cuttle.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.enforce.EnforcementReport;
import io.cuttle.host.enforce.ActionKind;
import io.cuttle.host.enforce.Outcome;
import io.cuttle.wire.v1.HostReport;
import io.cuttle.wire.v1.Restriction;
import io.cuttle.wire.v1.RestrictionOutcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevertedRestrictionsTest {
  private final RevertedRestrictions reverted = new RevertedRestrictions();

  private static HostReport inForce(String handler, String app) {
    return HostReport.newBuilder().setHostId("h").addRestrictions(Restriction.newBuilder().setHandler(handler)
        .setApp(app).setAction("block").setOutcome(RestrictionOutcome.ENFORCED)).build();
  }

  private static EnforcementReport enforcement(io.cuttle.host.enforce.RestrictionOutcome o, String app) {
    return new EnforcementReport("test", List.of(new Outcome(app, ActionKind.BLOCK, o, "detail")));
  }

  @Test
  void aRevertedRestrictionIsReportedWithItsOwnerUntilAcknowledged() {
    EnforcementReport applied = enforcement(io.cuttle.host.enforce.RestrictionOutcome.APPLIED, "backup");
    assertThat(reverted.addTo(inForce("link-down", "backup"), Optional.of(applied)).getRestrictionsCount()).isOne();

    EnforcementReport removed = enforcement(io.cuttle.host.enforce.RestrictionOutcome.REVERTED, "backup");
    HostReport empty = HostReport.newBuilder().setHostId("h").build();
    HostReport first = reverted.addTo(empty, Optional.of(removed));
    assertThat(first.getRestrictionsList()).singleElement().satisfies(r -> {
      assertThat(r.getHandler()).isEqualTo("link-down");
      assertThat(r.getApp()).isEqualTo("backup");
      assertThat(r.getAction()).isEqualTo("block");
      assertThat(r.getOutcome()).isEqualTo(RestrictionOutcome.REVERTED);
      assertThat(r.getDetail()).isEqualTo("detail");
    });
    assertThat(reverted.addTo(empty, Optional.of(removed))).as("not acknowledged yet: sent again").isEqualTo(first);

    reverted.acknowledged(first);
    assertThat(reverted.addTo(empty, Optional.of(removed)).getRestrictionsList()).as("the same enforcement report")
        .isEmpty();
  }

  @Test
  void aRestrictionBackInForceIsNoLongerReportedAsReverted() {
    reverted.addTo(inForce("link-down", "backup"), Optional.empty());
    HostReport empty = HostReport.newBuilder().setHostId("h").build();
    EnforcementReport removed = enforcement(io.cuttle.host.enforce.RestrictionOutcome.REVERTED, "backup");
    assertThat(reverted.addTo(empty, Optional.of(removed)).getRestrictionsCount()).isOne();
    HostReport again = reverted.addTo(inForce("link-down", "backup"), Optional.of(removed));
    assertThat(again.getRestrictionsList()).singleElement()
        .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(RestrictionOutcome.ENFORCED));
  }
}
