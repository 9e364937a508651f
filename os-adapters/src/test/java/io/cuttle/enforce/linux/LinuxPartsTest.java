package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuttle.enforce.PlanGolden;
import io.cuttle.host.enforce.AppRestriction;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Linux adapter's pure parts: mount lookup, /proc parsing, slugs, the nft script, rates. */
class LinuxPartsTest {
  @Test
  void findsTheCgroup2MountOnHybridAndPureHostsAndSaysWhyWhenMissing() {
    String hybrid = "35 25 0:30 / /sys/fs/cgroup/unified rw,nosuid shared:10 - cgroup2 cgroup2 rw";
    String pure = "35 25 0:30 / /sys/fs/cgroup rw,nosuid shared:10 - cgroup2 cgroup2 rw";
    String odd = "35 25 0:30 / /mnt/cg2 rw - cgroup2 cgroup2 rw";

    assertThat(Cgroup2Mount.fromMountinfo(List.of("1 0 8:1 / / rw - ext4 /dev/sda1 rw", hybrid))).isEqualTo(
        new Cgroup2Mount.Lookup.Found(new Cgroup2Mount(Path.of("/sys/fs/cgroup/unified"), "unified")));
    Cgroup2Mount pureMount = ((Cgroup2Mount.Lookup.Found) Cgroup2Mount.fromMountinfo(List.of(pure))).mount();
    assertThat(pureMount.nftPath("cuttle/web")).isEqualTo("cuttle/web");
    assertThat(Cgroup2Mount.level("cuttle/web")).isEqualTo(2);
    assertThat(Cgroup2Mount.fromMountinfo(List.of(odd))).isEqualTo(new Cgroup2Mount.Lookup.Missing(
        "expected the cgroup2 mount under /sys/fs/cgroup (where nft resolves cgroup paths), got /mnt/cg2"));
    assertThat(Cgroup2Mount.fromMountinfo(List.of())).isInstanceOf(Cgroup2Mount.Lookup.Missing.class);
  }

  @Test
  void parsesProcNetRowsInHostByteOrderIncludingV4MappedV6() throws Exception {
    var v4 = SocketTable.parseLine("   1: 0100007F:1F90 0200A8C0:C350 01 00000000:00000000 00:00000000 00000000"
        + "     0        0 12345 1 0000000000000000 20 4 30 10 -1", true).orElseThrow();
    var mapped = SocketTable.parseLine("   0: 0000000000000000FFFF00000100007F:0016 0000000000000000FFFF00000200007F:"
        + "A000 01 00000000:00000000 00:00000000 00000000 0 0 777 1 0 20 4 30 10 -1", true).orElseThrow();

    assertThat(v4.inode()).isEqualTo(12345);
    assertThat(v4.connection()).isEqualTo(new Connection(true, InetAddress.getByName("127.0.0.1"), 8080,
        InetAddress.getByName("192.168.0.2"), 50000));
    assertThat(mapped.connection().v6()).isFalse();
    assertThat(mapped.connection().nftElement()).isEqualTo("127.0.0.1 . 22 . 127.0.0.2 . 40960");
    assertThat(SocketTable.parseLine("garbage", true)).isEmpty();
  }

  @Test
  void slugsAreKernelSafeAndDistinct() {
    assertThat(AppSlug.of("firefox")).isEqualTo("firefox");
    assertThat(AppSlug.of("my app\"x")).startsWith("my_app_x-h").hasSize(18);
    assertThat(AppSlug.of("my app\"x")).isNotEqualTo(AppSlug.of("my_app_x"));
    assertThat(AppSlug.of(".hidden")).startsWith("_hidden-h");
    assertThat(AppSlug.of("x".repeat(80))).hasSizeLessThanOrEqualTo(48);
  }

  @Test
  void nftScriptMatchesGoldenFile() throws Exception {
    AppRule web = new AppRule("web", 2, "unified/cuttle/web", 2,
        AppRestriction.of("web").withMaxUp(5_000_000).withDscp(46).withBlock(),
        List.of(new Connection(true, InetAddress.getByName("10.0.0.1"), 40000, InetAddress.getByName("10.0.0.2"), 443),
            new Connection(true, InetAddress.getByName("fd00::1"), 40001, InetAddress.getByName("fd00::2"), 443)));
    AppRule idle = new AppRule("idle", 3, "unified/cuttle/idle", 2, AppRestriction.of("idle").withMaxDown(1), List.of());

    String script = NftScript.render("cuttle", 0xc7, List.of(web, idle));

    PlanGolden.assertMatches("linux-nft.txt", script);
    assertThat(NftScript.expectedEntries(List.of(web, idle))).containsExactly("app=idle class=3 kinds=ingress",
        "app=web class=2 kinds=block,mark,limit");
    assertThat(NftScript.expectedChains(List.of(web, idle))).containsExactly("app_2", "app_3", "out");
  }

  @Test
  void aRuleWithoutItsCgroupYetMatchesOnlyItsOpenSockets() throws Exception {
    AppRule full = new AppRule("web", 2, "unified/cuttle/web", 2, AppRestriction.of("web").withBlock(),
        List.of(new Connection(true, InetAddress.getByName("10.0.0.1"), 40000, InetAddress.getByName("10.0.0.2"), 443)));

    String pinned = NftScript.render("cuttle", 0xc7, List.of(full.pinnedOnly()));

    assertThat(full.hasCgroupMatch()).isTrue();
    assertThat(full.pinnedOnly().hasCgroupMatch()).isFalse();
    assertThat(pinned).doesNotContain("socket cgroupv2").doesNotContain("kind=cgroup")
        .contains("10.0.0.1 . 40000 . 10.0.0.2 . 443").contains("@c4_2 jump app_2").contains("reject with tcp reset");
    assertThat(NftScript.expectedEntries(List.of(full.pinnedOnly()))).isEqualTo(NftScript.expectedEntries(List.of(full)));
    assertThat(NftScript.render("cuttle", 0xc7, List.of(full))).contains("socket cgroupv2 level 2 \"unified/cuttle/web\"");
  }

  @Test
  void readsAppsBackFromTheAppsSetJson() throws Exception {
    String json = "{\"nftables\": [{\"metainfo\": {}}, {\"set\": {\"name\": \"apps\", \"elem\": ["
        + "{\"elem\": {\"val\": 2, \"comment\": \"app=web class=2 kinds=block,limit\"}},"
        + "{\"elem\": {\"val\": 3, \"comment\": \"app=idle class=3 kinds=\"}}, {\"elem\": {\"val\": 9}}]}}]}";

    NftTable.View v = NftTable.parse(new ObjectMapper().readTree(json));

    assertThat(v.exists()).isTrue();
    assertThat(v.classBySlug()).containsEntry("web", 2).containsEntry("idle", 3).hasSize(2);
    assertThat(v.kindsBySlug().get("web")).containsExactly("block", "limit");
    assertThat(v.kindsBySlug().get("idle")).isEmpty();
    assertThat(Actions.fromKinds(v.kindsBySlug().get("web"))).containsExactlyInAnyOrder(
        io.cuttle.host.enforce.ActionKind.LIMIT_UP, io.cuttle.host.enforce.ActionKind.BLOCK);
  }

  @Test
  void tcRatesParseAndCompareWithTheKernelsRounding() {
    assertThat(TcRates.parse("5Mbit")).contains(5_000_000L);
    assertThat(TcRates.parse("1.5Gbit")).contains(1_500_000_000L);
    assertThat(TcRates.parse("800bit")).contains(800L);
    assertThat(TcRates.parse("fast")).isEmpty();
    assertThat(TcRates.same(1_234_567, 1_230_000)).isTrue();
    assertThat(TcRates.same(2_000_000, 1_000_000)).isFalse();
    assertThat(TcRates.quantum(1_000_000)).isEqualTo(12_500);
    assertThat(TcRates.quantum(10_000_000_000L)).isEqualTo(200_000);
  }

  @Test
  void classIdsAreStableReusedAfterReleaseAndSeededFromTheKernel() {
    ClassIds ids = new ClassIds();
    ids.seed(java.util.Map.of("old", 2, "bad", 1));
    assertThat(ids.of("old")).hasValue(2);
    assertThat(ids.of("new")).hasValue(3);
    ids.release("old");
    assertThat(ids.of("newer")).hasValue(2);
    assertThat(ids.of("bad")).hasValue(4);
  }
}
