package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.VerifyReport;
import io.cuttle.host.enforce.AppProcesses;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.enforce.RestrictionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single rules, set elements and class rates changed behind the adapter's back inside its own
 * table and classes: verify names each one as a drift, re-applies, and the kernel holds it again.
 */
class RuleDriftKernelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static NetnsLab lab;
  private LinuxEnforcer enforcer;
  private AppProcesses procs;
  private DesiredState want;

  @BeforeAll
  static void up() {
    lab = NetnsLab.create("d", 17);
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.close();
    }
  }

  /** One app with a limit and a mark, holding a connected UDP socket (so its open-connection set has an element). */
  @BeforeEach
  void install() throws Exception {
    enforcer = lab.enforcer();
    long pid = lab.startInA("bash", "-c", "exec 3<>/dev/udp/" + lab.ipB + "/9999 && exec sleep 600").pid();
    for (int i = 0; i < 100 && !hasUdpSocket(pid); i++) {
      Thread.sleep(20);
    }
    procs = AppProcesses.of("drifty", Set.of(pid));
    want = DesiredState.combining(List.of(AppRestriction.of("drifty").withMaxUp(3_000_000).withDscp(10)));
    assertThat(enforcer.reconcile(want, procs).all(RestrictionOutcome.APPLIED)).isTrue();
    assertThat(enforcer.verify().isInSync()).isTrue();
  }

  @AfterEach
  void remove() {
    enforcer.reconcile(DesiredState.empty(), AppProcesses.none());
  }

  @Test
  void aRuleDeletedByHandleFromTheOutputChainIsReportedAndPutBack() throws Exception {
    long handle = handleOf("out", "kind=" + NftScript.KIND_MATCH_CGROUP);
    assertThat(lab.inA("nft", "delete", "rule", "inet", lab.table(), "out", "handle", Long.toString(handle)).ok()).isTrue();
    assertThat(rulesWith("out", "kind=" + NftScript.KIND_MATCH_CGROUP)).isZero();

    VerifyReport v = enforcer.verify();

    assertThat(v.drift()).singleElement().satisfies(d -> {
      assertThat(d.what()).isEqualTo("nft chain inet " + lab.table() + " out rule \"" + tag("cgroup") + "\"");
      assertThat(d.expected()).contains("cgroupv2").contains("app_" + classId());
      assertThat(d.found()).isEqualTo("absent");
    });
    assertThat(v.reapplied()).isPresent();
    assertThat(rulesWith("out", "kind=" + NftScript.KIND_MATCH_CGROUP)).isEqualTo(1);
    assertThat(enforcer.verify().isInSync()).isTrue();
  }

  @Test
  void aRuleDeletedFromAnAppChainAndARuleReplacedInPlaceAreBothReported() throws Exception {
    String chain = "app_" + classId();
    long mark = handleOf(chain, "kind=" + NftScript.KIND_MARK);
    long limit = handleOf(chain, "kind=" + NftScript.KIND_LIMIT);
    assertThat(lab.inA("nft", "delete", "rule", "inet", lab.table(), chain, "handle", Long.toString(mark)).ok()).isTrue();
    assertThat(lab.inA("nft", "replace", "rule", "inet", lab.table(), chain, "handle", Long.toString(limit), "meta",
        "priority", "set", "ce:ff", "comment", "\"" + tag("limit") + "\"").ok()).isTrue();

    VerifyReport v = enforcer.verify();

    String rule = "nft chain inet " + lab.table() + " " + chain + " rule \"";
    assertThat(v.drift()).extracting(VerifyReport.Drift::what).containsExactly(rule + tag("mark") + "\"",
        rule + tag("limit") + "\"");
    assertThat(v.drift().get(0).found()).isEqualTo("absent");
    assertThat(v.drift().get(1).found()).contains("ce:ff").doesNotContain("absent");
    assertThat(v.drift().get(1).expected()).contains("ce:" + Integer.toHexString(classId()));
    assertThat(rulesWith(chain, "kind=" + NftScript.KIND_MARK)).isEqualTo(2);
    assertThat(lab.inA("nft", "list", "chain", "inet", lab.table(), chain).stdout())
        .contains("meta priority set ce:" + Integer.toHexString(classId())).doesNotContain("ce:ff");
    assertThat(enforcer.verify().isInSync()).isTrue();
  }

  @Test
  void anOpenConnectionElementDeletedFromItsSetIsReportedAndPutBack() throws Exception {
    String set = "c4_" + classId();
    List<String> elements = elements(set);
    assertThat(elements).as("the app's connected UDP socket").hasSize(1);
    String element = lab.inA("nft", "list", "set", "inet", lab.table(), set).stdout().lines()
        .filter(l -> l.contains("elements = {")).findFirst().orElseThrow().replaceAll(".*\\{\\s*|\\s*}.*", "");
    assertThat(lab.inA("nft", "delete", "element", "inet", lab.table(), set, "{ " + element + " }").ok()).isTrue();
    assertThat(elements(set)).isEmpty();

    VerifyReport v = enforcer.verify();

    assertThat(v.drift()).singleElement().satisfies(d -> {
      assertThat(d.what()).startsWith("nft set inet " + lab.table() + " " + set + " element ").contains(lab.ipB)
          .contains("9999");
      assertThat(d.expected()).isEqualTo("present");
      assertThat(d.found()).isEqualTo("absent");
    });
    assertThat(elements(set)).isEqualTo(elements);
    assertThat(enforcer.verify().isInSync()).isTrue();
  }

  @Test
  void aClassRateChangedByHandIsReportedAndPutBack() {
    String classid = "ce:" + Integer.toHexString(classId());
    assertThat(lab.inA("tc", "class", "change", "dev", lab.devA, "parent", "ce:", "classid", classid, "htb", "rate",
        "7mbit", "ceil", "7mbit").ok()).isTrue();

    VerifyReport v = enforcer.verify();

    assertThat(v.drift()).singleElement().satisfies(d -> {
      assertThat(d.what()).isEqualTo("htb classes on " + lab.devA);
      assertThat(d.expected()).contains("3000000");
      assertThat(d.found()).contains("7000000");
    });
    assertThat(lab.inA("tc", "class", "show", "dev", lab.devA).stdout()).contains("rate 3Mbit");
    assertThat(enforcer.verify().isInSync()).isTrue();
  }

  @Test
  void aCgroupDeletedAndMadeAgainUnderTheSamePathIsReportedAndItsRuleReAdded() throws Exception {
    Path dir = lab.cgroupParent().resolve("drifty");
    Path root = ((Cgroup2Mount.Lookup.Found) Cgroup2Mount.find()).mount().root();
    String before = Files.getAttribute(dir, "unix:ino").toString();
    for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
      Files.writeString(root.resolve("cgroup.procs"), pid);
    }
    Files.delete(dir);
    Files.createDirectory(dir);
    String after = Files.getAttribute(dir, "unix:ino").toString();
    assertThat(after).isNotEqualTo(before);

    VerifyReport v = enforcer.verify();

    assertThat(v.drift()).singleElement().satisfies(d -> {
      assertThat(d.what()).isEqualTo("nft rule inet " + lab.table() + " out cgroup match of drifty");
      assertThat(d.expected()).startsWith("cgroup id " + after);
      assertThat(d.found()).isEqualTo("cgroup id " + before);
    });
    assertThat(Files.readAllLines(dir.resolve("cgroup.procs"))).isNotEmpty();
    assertThat(enforcer.verify().isInSync()).isTrue();
  }

  private int classId() {
    return enforcer.classIdOf("drifty").orElseThrow();
  }

  private String tag(String kind) {
    return "app=drifty class=" + classId() + " kind=" + kind;
  }

  private boolean hasUdpSocket(long pid) {
    return !SocketTable.connected(SocketTable.of(List.of(pid))).isEmpty();
  }

  private List<JsonNode> rules(String chain) throws Exception {
    JsonNode root = JSON.readTree(lab.inA("nft", "-j", "-a", "list", "chain", "inet", lab.table(), chain).stdout());
    List<JsonNode> out = new ArrayList<>();
    root.path("nftables").forEach(i -> {
      if (i.has("rule")) {
        out.add(i.get("rule"));
      }
    });
    return out;
  }

  private long handleOf(String chain, String commentPart) throws Exception {
    return rules(chain).stream().filter(r -> r.path("comment").asText("").contains(commentPart)).findFirst()
        .orElseThrow().path("handle").asLong();
  }

  private long rulesWith(String chain, String commentPart) throws Exception {
    return rules(chain).stream().filter(r -> r.path("comment").asText("").contains(commentPart)).count();
  }

  private List<String> elements(String set) throws Exception {
    JsonNode root = JSON.readTree(lab.inA("nft", "-j", "list", "set", "inet", lab.table(), set).stdout());
    List<String> out = new ArrayList<>();
    root.path("nftables").forEach(i -> i.path("set").path("elem").forEach(e -> out.add(e.toString())));
    return out;
  }
}
