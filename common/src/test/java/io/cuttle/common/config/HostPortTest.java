package io.cuttle.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesHostNamesAddressesAndWildcard() {
    assertThat(HostPort.parse("127.0.0.1:7420")).isEqualTo(new HostPort("127.0.0.1", 7420));
    assertThat(HostPort.parse("controller.example:0")).isEqualTo(new HostPort("controller.example", 0));
    assertThat(HostPort.parse("[::1]:9420")).isEqualTo(new HostPort("::1", 9420));
    assertThat(HostPort.parse(":7420")).isEqualTo(new HostPort("", 7420));
  }

  @Test
  void printsWhatItParses() {
    for (String text : new String[] {"127.0.0.1:7420", "[::1]:9420", ":7420"}) {
      assertThat(HostPort.parse(text)).hasToString(text);
    }
  }

  @Test
  void rejectionsSayWhatIsWrong() {
    assertThatThrownBy(() -> HostPort.parse("nonsense")).hasMessage("no ':' before the port");
    assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessage("port 'http' is not a number");
    assertThatThrownBy(() -> HostPort.parse("host:65536")).hasMessage("port must be 0..65535, got 65536");
    assertThatThrownBy(() -> HostPort.parse("::1:80"))
        .hasMessage("an IPv6 host must be written in brackets, like [::1]:7420");
  }
}
