package io.cuttle.daemon.admin;

import static io.cuttle.daemon.fake.TestStates.office;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cuttle.common.config.HostPort;
import io.cuttle.daemon.fake.TestStates;
import io.cuttle.daemon.subscription.ConnectionState;
import io.cuttle.daemon.subscription.ConnectionStatus;
import io.cuttle.daemon.subscription.SubscriptionStatus;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.NetworkState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateViewTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static SubscriptionStatus backingOff() {
    HostPort ctl = new HostPort("10.0.0.9", 7420);
    return new SubscriptionStatus(ctl, new ConnectionStatus(ConnectionState.BACKING_OFF, ctl,
        Optional.of("failed: UNAVAILABLE: io exception"), NOW), Duration.ofMillis(2500), Optional.of(NOW.minusSeconds(2)));
  }

  @Test
  void headerCarriesLineageVersionAndDaemonStatus() {
    ObjectNode v = StateView.of("web-1", office(), backingOff());

    assertThat(v.path("hostId").asText()).isEqualTo("web-1");
    assertThat(v.path("lineage").path("id").asText()).isEqualTo("0000000000c0ffee");
    assertThat(v.path("lineage").path("epoch").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(v.path("version").asLong()).isEqualTo(5);
    assertThat(v.path("committedAt").asText()).isEqualTo("2026-01-01T00:00:05Z");
    assertThat(v.path("controller").asText()).isEqualTo("10.0.0.9:7420");
    assertThat(v.path("status").asText()).isEqualTo("BACKING_OFF");
    assertThat(v.path("error").asText()).isEqualTo("failed: UNAVAILABLE: io exception");
    assertThat(v.path("stalenessMs").asLong()).isEqualTo(2500);
    assertThat(v.path("lastHeard").asText()).isEqualTo("2026-03-01T11:59:58Z");
  }

  @Test
  void stateAloneHasNoDaemonFields() {
    ObjectNode v = StateView.of(office());

    assertThat(v.has("hostId")).isFalse();
    assertThat(v.has("status")).isFalse();
    assertThat(v.has("stalenessMs")).isFalse();
    assertThat(v.path("version").asLong()).isEqualTo(5);
  }

  @Test
  void entitiesAreListedWithNamesStatesCostsAndSiteLoad() {
    JsonNode s = StateView.of(office()).path("state");

    assertThat(s.path("routers")).hasSize(3);
    assertThat(s.path("routers").get(0).path("routerId").asText()).isEqualTo("10.0.0.1");
    assertThat(s.path("networks").get(0).path("prefix").asText()).isEqualTo("10.9.0.0/24");
    JsonNode uplink = s.path("links").get(1);
    assertThat(uplink.path("name").asText()).isEqualTo("r2-isp");
    assertThat(uplink.path("a").asText()).isEqualTo("r2");
    assertThat(uplink.path("b").asText()).isEqualTo("isp");
    assertThat(uplink.path("state").asText()).isEqualTo("UP");
    assertThat(uplink.path("costAb").asInt()).isEqualTo(5);
    assertThat(uplink.path("costBa").asInt()).isEqualTo(7);
    assertThat(s.path("prefixes").get(0).path("router").asText()).isEqualTo("r1");
    JsonNode hq = s.path("sites").get(0);
    assertThat(hq.path("name").asText()).isEqualTo("hq");
    assertThat(hq.path("uplinks").get(0).path("inside").asText()).isEqualTo("r2");
    assertThat(hq.path("load").path("upstreamBps").asLong()).isEqualTo(120_000_000L);
    assertThat(hq.path("load").path("downstreamBps").asLong()).isEqualTo(80_000_000L);
    assertThat(hq.path("load").path("capacityBps").asLong()).isEqualTo(1_000_000_000L);
    assertThat(hq.path("load").path("upstreamUtilisation").asDouble()).isEqualTo(0.12);
    JsonNode ann = s.path("annotations").get(0);
    assertThat(ann.path("link").asText()).isEqualTo("r2-isp");
    assertThat(ann.path("loadAbBps").asLong()).isEqualTo(120_000_000L);
    assertThat(ann.path("labels").get(0).asText()).isEqualTo("metered");
    assertThat(ann.path("counters").path("drops").asDouble()).isEqualTo(3.0);
  }

  @Test
  void absentAnnotationValuesAreLeftOut() {
    NetworkState s = office().apply(new io.cuttle.netstate.event.Delta(6, TestStates.LINEAGE.epoch().plusSeconds(6),
        new io.cuttle.netstate.event.TopologyEvent.AnnotationsUpdated(TestStates.LINEAGE.epoch().plusSeconds(6),
            java.util.List.of(new io.cuttle.netstate.model.AnnotationPatch(TestStates.UPLINK,
                java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), java.util.Set.of(io.cuttle.netstate.model.AnnotationField.CAPACITY),
                Optional.empty(), java.util.Map.of(), java.util.Set.of(), Optional.empty())))));

    JsonNode ann = StateView.of(s).path("state").path("annotations").get(0);

    assertThat(ann.has("capacityBps")).isFalse();
    assertThat(ann.has("loadAbBps")).isTrue();
    assertThat(StateView.of(s).path("state").path("sites").get(0).path("load").has("upstreamUtilisation")).isFalse();
  }

  @Test
  void toJsonIsParseableAndRoundTrips() throws Exception {
    ObjectNode v = StateView.of("web-1", office(), backingOff());

    JsonNode parsed = new ObjectMapper().readTree(StateView.toJson(v));

    assertThat(parsed.toString()).isEqualTo(v.toString());
  }

  @Test
  void emptyStateHasEmptySections() {
    JsonNode v = StateView.of(NetworkState.empty(Lineage.NONE));

    assertThat(v.path("version").asLong()).isZero();
    assertThat(v.path("state").path("links")).isEmpty();
    assertThat(v.path("state").path("sites")).isEmpty();
  }
}
