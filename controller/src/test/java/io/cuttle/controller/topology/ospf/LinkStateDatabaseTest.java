package io.cuttle.controller.topology.ospf;

import static io.cuttle.controller.topology.ospf.LsaBytes.p2p;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.controller.topology.ospf.LinkStateDatabase.Outcome;
import org.junit.jupiter.api.Test;

class LinkStateDatabaseTest {
  private final LinkStateDatabase db = new LinkStateDatabase();

  @Test
  void aRefloodWithANewSequenceNumberChangesNothing() {
    assertThat(db.update(0, LsaBytes.router("1.1.1.1", 1, 0, p2p("2.2.2.2", "10.0.0.1", 10))).outcome())
        .isEqualTo(Outcome.ADDED);
    byte[] reflood = LsaBytes.withAge(LsaBytes.router("1.1.1.1", 2, 0, p2p("2.2.2.2", "10.0.0.1", 10)), 7);
    assertThat(db.update(0, reflood).outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(db.update(0, LsaBytes.router("1.1.1.1", 3, 0, p2p("2.2.2.2", "10.0.0.1", 20))).outcome())
        .isEqualTo(Outcome.REPLACED);
    assertThat(db.size()).isEqualTo(1);
  }

  @Test
  void sameKeyInAnotherAreaIsAnotherLsa() {
    db.update(0, LsaBytes.router("1.1.1.1", 1, 0));
    assertThat(db.update(1, LsaBytes.router("1.1.1.1", 1, 0)).outcome()).isEqualTo(Outcome.ADDED);
    assertThat(db.size()).isEqualTo(2);
  }

  @Test
  void externalsHaveDomainScope() {
    db.update(0, LsaBytes.external("198.51.100.0", "1.1.1.1", 1, "255.255.255.0", true, 20));
    assertThat(db.update(5, LsaBytes.external("198.51.100.0", "1.1.1.1", 2, "255.255.255.0", true, 20)).outcome())
        .isEqualTo(Outcome.UNCHANGED);
  }

  @Test
  void maxAgeAndDeleteRemove() {
    byte[] lsa = LsaBytes.router("1.1.1.1", 1, 0);
    db.update(0, lsa);
    assertThat(db.update(0, LsaBytes.withAge(lsa, 3600)).outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(db.delete(0, lsa).outcome()).isEqualTo(Outcome.ABSENT);
    db.update(0, lsa);
    assertThat(db.delete(0, lsa).outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(db.size()).isZero();
  }

  @Test
  void malformedIsReportedWithTheProblem() {
    LinkStateDatabase.Applied a = db.update(0, new byte[] {1, 2, 3});
    assertThat(a.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(a.problem()).contains("expected at least 20 bytes, got 3");
  }
}
