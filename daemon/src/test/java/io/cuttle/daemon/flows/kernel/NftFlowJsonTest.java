package io.cuttle.daemon.flows.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.host.model.FlowKey;
import io.cuttle.host.model.Protocol;
import java.net.InetAddress;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NftFlowJsonTest {
  private static final String HEAD = "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\", \"json_schema_version\": 1}},"
      + " {\"table\": {\"family\": \"inet\", \"name\": \"cuttle_flows\", \"handle\": 1}},"
      + " {\"counter\": {\"family\": \"inet\", \"name\": \"udp_unrecorded\", \"table\": \"cuttle_flows\", \"handle\": 2,"
      + " \"packets\": 7, \"bytes\": 700}},";

  private final NftFlowJson parser = new NftFlowJson(path -> path.equals("unified/app") ? OptionalLong.of(42)
      : path.equals("unified/app/sub") ? OptionalLong.of(43) : OptionalLong.empty());

  private static String set(String name, String elems) {
    return "{\"set\": {\"family\": \"inet\", \"name\": \"" + name + "\", \"table\": \"cuttle_flows\", \"elem\": [" + elems
        + "]}}";
  }

  @Test
  void readsUdpCountersOfBothFamiliesAndDirections() throws Exception {
    String json = HEAD + set("udp4_out", "{\"elem\": {\"val\": {\"concat\": [\"10.0.0.1\", 40000, \"10.0.0.2\", 53]},"
        + " \"expires\": 110, \"counter\": {\"packets\": 3, \"bytes\": 174}}}") + ","
        + set("udp6_in", "{\"elem\": {\"val\": {\"concat\": [\"fd00::1\", 5353, \"fd00::2\", 6000]},"
        + " \"counter\": {\"packets\": 2, \"bytes\": 200}}}") + "]}";
    KernelReading r = parser.parse(json);
    assertThat(r.problems()).isEmpty();
    assertThat(r.unrecorded()).isEqualTo(7);
    assertThat(r.udp()).containsExactlyInAnyOrder(
        new UdpCount(new FlowKey(Protocol.UDP, InetAddress.getByName("10.0.0.1"), 40000,
            InetAddress.getByName("10.0.0.2"), 53), true, 3, 174),
        new UdpCount(new FlowKey(Protocol.UDP, InetAddress.getByName("fd00::1"), 5353,
            InetAddress.getByName("fd00::2"), 6000), false, 2, 200));
    assertThat(r.udp().get(0).payloadBytes()).isEqualTo(174 - 3 * 28);
    assertThat(r.udp().get(1).payloadBytes()).isEqualTo(200 - 2 * 48);
  }

  @Test
  void readsOriginsWithNumericIdsOrPathsKeepingTheDeepest() throws Exception {
    String json = HEAD + set("tcp4_origins",
        "{\"elem\": {\"val\": {\"concat\": [50000, \"10.0.0.2\", 80, 1000, \"181000\"]}, \"expires\": 29}},"
            + "{\"elem\": {\"val\": {\"concat\": [50002, \"10.0.0.2\", 80, 0, \"unified/app\"]}, \"expires\": 29}},"
            + "{\"elem\": {\"val\": {\"concat\": [50002, \"10.0.0.2\", 80, 0, \"unified/app/sub\"]}, \"expires\": 29}}")
        + "]}";
    KernelReading r = parser.parse(json);
    assertThat(r.problems()).isEmpty();
    InetAddress remote = InetAddress.getByName("10.0.0.2");
    assertThat(r.origins()).containsExactlyInAnyOrder(new ConnectionOrigin(50000, remote, 80, 1000, 181000),
        new ConnectionOrigin(50002, remote, 80, 0, 43));
  }

  @Test
  void skipsWhatItCannotReadAndSaysWhy() {
    String json = HEAD + set("udp4_out", "{\"elem\": {\"val\": {\"concat\": [\"10.0.0.1\", 40000]}}},"
        + "{\"elem\": {\"val\": {\"concat\": [\"example.org\", 1, \"10.0.0.2\", 2]}, \"counter\": {\"packets\": 1, \"bytes\": 1}}},"
        + "{\"elem\": {\"val\": {\"concat\": [\"10.0.0.1\", 1, \"10.0.0.2\", 2]}}}") + ","
        + set("tcp4_origins", "{\"elem\": {\"val\": {\"concat\": [1, \"10.0.0.2\", 80, 0, \"gone/cgroup\"]}}},"
        + "{\"elem\": {\"val\": {\"concat\": [70000, \"10.0.0.2\", 80, 0, \"5\"]}}}") + "]}";
    KernelReading r = parser.parse(json);
    assertThat(r.udp()).isEmpty();
    assertThat(r.origins()).isEmpty();
    assertThat(r.problems()).hasSize(5).anySatisfy(p -> assertThat(p).contains("expected a concatenation of 4 values"))
        .anySatisfy(p -> assertThat(p).contains("expected an IP address, got \"example.org\""))
        .anySatisfy(p -> assertThat(p).contains("expected a counter"))
        .anySatisfy(p -> assertThat(p).contains("expected a cgroup id or an existing cgroup path"))
        .anySatisfy(p -> assertThat(p).contains("expected a port, got 70000"));
  }

  @Test
  void neverThrowsOnGarbage() {
    for (String garbage : new String[] {"", "{", "[]", "null", "{\"nftables\": 3}", "{\"nftables\": [{\"set\": 1}]}",
        "{\"nftables\": [{\"set\": {\"name\": \"udp4_in\", \"elem\": [1, null, {\"val\": 2}]}}]}"}) {
      KernelReading r = parser.parse(garbage);
      assertThat(r.udp()).isEmpty();
      assertThat(r.origins()).isEmpty();
    }
    assertThat(parser.parse("{").problems()).singleElement().asString().startsWith("expected nft JSON");
  }
}
