package io.cuttle.controller.annotation;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.controller.topology.file.Values;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.Prefix;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the {@code annotations} section of {@code controller.yaml} into {@link AnnotationSettings}.
 * Every problem becomes a diagnostic with its line and "expected X, got Y"; nothing is thrown.
 */
public final class AnnotationSettingsReader {
  static final Set<String> FIELDS = Set.of("interval", "change-threshold", "change-floor", "stale-after",
      "snmp", "links", "sites");
  private static final Set<String> SNMP_FIELDS = Set.of("community", "port", "timeout", "retries", "parallel",
      "agents");
  private static final Set<String> AGENT_FIELDS = Set.of("address", "port", "community");
  private static final Set<String> SELECTOR_FIELDS = Set.of("link", "routers", "interface");
  private static final Set<String> LINK_FIELDS = union(SELECTOR_FIELDS,
      Set.of("cost-per-gb", "capacity", "labels", "counters"));
  private static final Set<String> SITE_FIELDS = Set.of("name", "prefixes", "uplinks");
  private static final Set<String> UPLINK_FIELDS = union(SELECTOR_FIELDS, Set.of("inside"));
  private static final String ADDRESS = "an IP address like 10.0.12.1 or fd00::1";
  private static final String ROUTER_ID = "a router id like 10.255.0.1";
  private static final String BIT_RATE = "a bit rate like 1G, 300M, 64k or 1500000";
  private static final String PERCENT = "a percentage like 1% or 0.5%, 0..100";

  private final Diagnostics d;
  private final String file;

  private AnnotationSettingsReader(Diagnostics d, String file) {
    this.d = d;
    this.file = file;
  }

  /** The settings, or empty when the section is absent; problems go to {@code d}. */
  public static Optional<AnnotationSettings> read(ConfigNode section, Diagnostics d) {
    if (section.isMissing()) {
      return Optional.empty();
    }
    return Optional.of(new AnnotationSettingsReader(d, section.location().file()).settings(section));
  }

  private AnnotationSettings settings(ConfigNode n) {
    n.allowOnly(d, FIELDS);
    Duration interval = n.get("interval").duration(d, AnnotationSettings.MIN_INTERVAL,
        AnnotationSettings.DEFAULT_INTERVAL);
    double relative = n.get("change-threshold").parsed(d, PERCENT, AnnotationSettingsReader::parsePercent)
        .orElse(ChangeThreshold.DEFAULT.relative());
    long floor = n.get("change-floor").parsed(d, BIT_RATE, Values::parseBitRate)
        .orElse(ChangeThreshold.DEFAULT.floorBps());
    Duration stale = interval.multipliedBy(AnnotationSettings.DEFAULT_STALE_ROUNDS);
    ConfigNode staleNode = n.get("stale-after");
    if (!staleNode.isMissing()) {
      Duration v = staleNode.duration(d, Duration.ZERO, stale);
      if (v.compareTo(interval) <= 0) {
        d.expected(staleNode, "a duration longer than the interval " + ConfigNode.formatDuration(interval));
      } else {
        stale = v;
      }
    }
    ConfigNode snmp = n.get("snmp");
    snmp.allowOnly(d, SNMP_FIELDS);
    Duration timeout = snmp.get("timeout").duration(d, Duration.ofMillis(10), AnnotationSettings.DEFAULT_SNMP_TIMEOUT);
    int retries = snmp.get("retries").intIn(d, 0, AnnotationSettings.MAX_SNMP_RETRIES,
        AnnotationSettings.DEFAULT_SNMP_RETRIES);
    int parallel = snmp.get("parallel").intIn(d, 1, AnnotationSettings.MAX_PARALLELISM,
        AnnotationSettings.DEFAULT_PARALLELISM);
    List<SnmpAgent> agents = agents(snmp);
    StaticAnnotations statics = new StaticAnnotations(links(n.get("links")), sites(n.get("sites")));
    return new AnnotationSettings(interval, new ChangeThreshold(relative, floor), stale, agents, timeout, retries,
        statics, parallel);
  }

  private List<SnmpAgent> agents(ConfigNode snmp) {
    String community = snmp.get("community").string(d, "public");
    int port = snmp.get("port").intIn(d, 1, 65535, SnmpAgent.DEFAULT_PORT);
    List<SnmpAgent> out = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (ConfigNode a : snmp.get("agents").items(d)) {
      ConfigNode addressNode = a.isMap() ? a.get("address") : a;
      if (a.isMap()) {
        a.allowOnly(d, AGENT_FIELDS);
      } else if (a.isList()) {
        d.expected(a, "an agent address or {address: 10.0.0.1, port: 161, community: ...}");
        continue;
      }
      addressNode.require(d, ADDRESS);
      Optional<InetAddress> address = addressNode.parsed(d, ADDRESS, Prefix::parseAddress);
      int p = a.isMap() ? a.get("port").intIn(d, 1, 65535, port) : port;
      String c = a.isMap() ? a.get("community").string(d, community) : community;
      if (address.isEmpty()) {
        continue;
      }
      SnmpAgent agent = new SnmpAgent(address.get(), p, c);
      Integer first = firstLine.putIfAbsent(agent.toString(), a.location().line());
      if (first != null) {
        d.error(addressNode, "duplicate agent " + agent + " (first at line " + first + ")");
      } else {
        out.add(agent);
      }
    }
    return out;
  }

  private List<LinkRule> links(ConfigNode list) {
    List<LinkRule> out = new ArrayList<>();
    for (ConfigNode e : list.items(d)) {
      if (!e.isMap()) {
        d.expected(e, "a link rule mapping with one of " + new TreeSet<>(SELECTOR_FIELDS) + " and values");
        continue;
      }
      e.allowOnly(d, LINK_FIELDS);
      Optional<LinkSelector> selector = selector(e);
      OptionalLong cost = optionalLong(e.get("cost-per-gb").parsed(d,
          "an amount >= 0 with at most 6 decimals, like 0.05", Values::parseMicros));
      OptionalLong capacity = optionalLong(e.get("capacity").parsed(d, BIT_RATE, Values::parseBitRate));
      Set<String> labels = labels(e.get("labels"));
      Map<String, Double> counters = counters(e.get("counters"));
      selector.ifPresent(s -> out.add(new LinkRule(where(e), s, cost, capacity, labels, counters)));
    }
    return out;
  }

  private List<SiteRule> sites(ConfigNode list) {
    List<SiteRule> out = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (ConfigNode e : list.items(d)) {
      if (!e.isMap()) {
        d.expected(e, "a site mapping with name, prefixes and uplinks");
        continue;
      }
      e.allowOnly(d, SITE_FIELDS);
      Optional<String> name = name(e.get("name"));
      Set<Prefix> prefixes = new TreeSet<>();
      for (ConfigNode p : e.get("prefixes").items(d)) {
        p.parsed(d, "a prefix like 10.1.0.0/24", Prefix::parse).ifPresent(prefixes::add);
      }
      List<SiteRule.Uplink> uplinks = new ArrayList<>();
      for (ConfigNode u : e.get("uplinks").items(d)) {
        if (!u.isMap()) {
          d.expected(u, "an uplink mapping like {routers: [10.255.0.1, 10.255.0.2], inside: 10.255.0.1}");
          continue;
        }
        u.allowOnly(d, UPLINK_FIELDS);
        Optional<LinkSelector> s = selector(u);
        Optional<String> inside = u.get("inside").require(d, "a router name or router id").parsed(d,
            "a router name or router id", AnnotationSettingsReader::nodeRef);
        if (s.isPresent() && inside.isPresent()) {
          uplinks.add(new SiteRule.Uplink(where(u), s.get(), inside.get()));
        }
      }
      if (name.isEmpty()) {
        continue;
      }
      Integer first = firstLine.putIfAbsent(name.get(), e.location().line());
      if (first != null) {
        d.error(e.get("name"), "duplicate site '" + name.get() + "' (first at line " + first + ")");
      } else {
        out.add(new SiteRule(where(e), name.get(), prefixes, uplinks));
      }
    }
    return out;
  }

  /** Exactly one of link, routers or interface. */
  private Optional<LinkSelector> selector(ConfigNode e) {
    List<String> given = SELECTOR_FIELDS.stream().filter(e::has).sorted().toList();
    if (given.size() != 1) {
      d.error(e, "expected exactly one of link, routers or interface to select links, got "
          + (given.isEmpty() ? "none" : String.join(" and ", given)));
      return Optional.empty();
    }
    ConfigNode v = e.get(given.get(0));
    return switch (given.get(0)) {
      case "link" -> name(v).map(LinkSelector.ByName::new);
      case "interface" -> v.parsed(d, ADDRESS, Prefix::parseAddress).map(LinkSelector.ByInterface::new);
      default -> routers(v);
    };
  }

  private Optional<LinkSelector> routers(ConfigNode v) {
    List<ConfigNode> items = v.items(d);
    if (!v.isList()) {
      return Optional.empty();
    }
    if (items.size() != 2) {
      d.expected(v, "a list of two router ids like [10.255.0.1, 10.255.0.2]");
      return Optional.empty();
    }
    Optional<Integer> a = items.get(0).parsed(d, ROUTER_ID, AnnotationSettingsReader::routerId);
    Optional<Integer> b = items.get(1).parsed(d, ROUTER_ID, AnnotationSettingsReader::routerId);
    if (a.isPresent() && b.isPresent() && a.get().equals(b.get())) {
      d.expected(v, "two different router ids");
      return Optional.empty();
    }
    return a.isPresent() && b.isPresent() ? Optional.of(new LinkSelector.ByRouterIds(a.get(), b.get()))
        : Optional.empty();
  }

  private Optional<String> name(ConfigNode n) {
    n.require(d, Values.NAME_SYNTAX);
    return n.parsed(d, Values.NAME_SYNTAX, t -> {
      if (!Values.isName(t)) {
        throw new IllegalArgumentException("at most 64 characters, starting with a letter or digit");
      }
      return t;
    });
  }

  private Set<String> labels(ConfigNode n) {
    Set<String> out = new TreeSet<>();
    for (String label : n.isMap() ? List.<String>of() : n.strings(d)) {
      if (!Values.isName(label)) {
        d.expected(n, "labels, each " + Values.NAME_SYNTAX);
      } else if (!out.add(label)) {
        d.error(n, "duplicate label '" + label + "'");
      }
    }
    if (n.isMap()) {
      d.expected(n, "a list of labels like [backup, metered]");
    }
    return out;
  }

  private Map<String, Double> counters(ConfigNode n) {
    Map<String, Double> out = new TreeMap<>();
    Map<String, ConfigNode> entries = n.entries(d);
    if (entries.size() > LinkAnnotation.MAX_COUNTERS) {
      d.error(n, "expected at most " + LinkAnnotation.MAX_COUNTERS + " counters, got " + entries.size());
      return out;
    }
    entries.forEach((key, value) -> {
      if (Values.isName(key)) {
        out.put(key, value.doubleIn(d, -Double.MAX_VALUE, Double.MAX_VALUE, 0));
      } else {
        d.error(value, "expected a counter " + Values.NAME_SYNTAX + ", got '" + key + "'");
      }
    });
    return out;
  }

  private String where(ConfigNode n) {
    return file + ":" + n.location().line();
  }

  static double parsePercent(String text) {
    String t = text.trim();
    if (!t.matches("\\d+(\\.\\d+)?%")) {
      throw new IllegalArgumentException("a number followed by %");
    }
    double v = Double.parseDouble(t.substring(0, t.length() - 1));
    if (v > 100) {
      throw new IllegalArgumentException("more than 100%");
    }
    return v / 100;
  }

  static int routerId(String text) {
    byte[] b = Prefix.parseAddress(text).getAddress();
    if (b.length != 4) {
      throw new IllegalArgumentException("a router id is four numbers 0..255 separated by dots");
    }
    return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
  }

  static String nodeRef(String text) {
    if (!Values.isName(text.trim())) {
      throw new IllegalArgumentException(Values.NAME_SYNTAX);
    }
    return text.trim();
  }

  private static OptionalLong optionalLong(Optional<Long> v) {
    return v.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new java.util.HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }
}
