package io.cuttle.policy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped TypeScript declarations list exactly the members the script API has. */
class DeclarationsTest {
  private static String dts() throws Exception {
    try (InputStream in = DeclarationsTest.class.getResourceAsStream("/io/cuttle/policy/cuttle.d.ts")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> declared(String dts, String iface) {
    int start = dts.indexOf("interface " + iface + " {");
    assertThat(start).as(iface).isGreaterThanOrEqualTo(0);
    String body = dts.substring(start, dts.indexOf("\n}", start));
    return Pattern.compile("^  (?:readonly )?([A-Za-z]+)[(:]", Pattern.MULTILINE).matcher(body).results()
        .map(m -> m.group(1)).toList();
  }

  @Test
  void everyViewMemberIsDeclaredAndNothingElse() throws Exception {
    String dts = dts();
    Interop none = null;
    Map<String, List<String>> views = Map.of(
        "Net", new NetView(none, null, null, List.of()).names(),
        "Host", HostJson.HOST,
        "App", HostJson.APP,
        "Link", new LinkView(none, io.cuttle.netstate.model.NetworkState.empty(io.cuttle.netstate.model.Lineage.NONE),
            new io.cuttle.netstate.model.Link(1, "l", 1, 2, 1, 1, io.cuttle.netstate.model.LinkState.UP, "0")).names(),
        "Site", new SiteView(none, null, null).names(),
        "Path", new PathView(none, null, null).names(),
        "Flow", HostJson.FLOW,
        "User", HostJson.USER,
        "Load", new LoadView(none, 0, 0).names(),
        "Self", new SelfView(none, null).names());
    views.forEach((iface, names) -> assertThat(declared(dts, iface)).as(iface).containsExactlyInAnyOrderElementsOf(names));
    new Actions(() -> null).globals().keySet().forEach(fn ->
        assertThat(dts).as(fn).contains("declare function " + fn + "("));
    assertThat(dts).contains("interface NetEvent").contains("readonly kind").contains("readonly subject");
  }
}
