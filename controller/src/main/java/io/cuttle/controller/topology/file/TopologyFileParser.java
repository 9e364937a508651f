package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.common.config.Location;
import io.cuttle.controller.topology.TopologySpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Parses a topology YAML file (format: {@code controller/docs/topology-file.md}) into a
 * {@link TopologySpec}. Every problem in the file is reported at once, each with its line and
 * column, its field path (such as {@code links[3].cost}) and what was expected and found.
 *
 * <p>Sections are read in dependency order (routers, networks, links, prefixes, sites,
 * annotations) whatever their order in the file, so references may point forward.
 */
public final class TopologyFileParser {
  private static final Set<String> SECTIONS =
      Set.of("routers", "networks", "links", "prefixes", "sites", "annotations");

  private TopologyFileParser() {}

  /** Reads and parses {@code file}; an unreadable file is a ConfigException naming it. */
  public static TopologySpec read(Path file) throws ConfigException {
    return parse(ConfigNode.read(file));
  }

  /**
   * Parses YAML text.
   *
   * @param source what to call the text in diagnostics, usually its file path
   * @throws ConfigException with every problem found, sorted by position
   */
  public static TopologySpec parse(String source, String text) throws ConfigException {
    return parse(ConfigNode.parse(source, text));
  }

  private static TopologySpec parse(ConfigNode root) throws ConfigException {
    Diagnostics d = new Diagnostics();
    if (!root.isMap()) {
      d.expected(root, "a mapping with sections routers, networks, links, prefixes, sites, annotations");
      d.throwIfAny();
    }
    root.allowOnly(d, SECTIONS);
    Declarations declared = new Declarations();
    NodeReader nodes = new NodeReader(d, declared);
    var routers = nodes.routers(root.get("routers"));
    var networks = nodes.networks(root.get("networks"));
    var links = new LinkReader(d, declared).links(root.get("links"));
    var prefixes = new PrefixReader(d, declared).prefixes(root.get("prefixes"));
    var sites = new SiteReader(d, declared).sites(root.get("sites"));
    var annotations = new AnnotationReader(d, declared).annotations(root.get("annotations"));
    d.throwIfAnyInFileOrder();
    TopologySpec spec = new TopologySpec(routers, networks, links, prefixes, sites, annotations);
    List<String> unchecked = spec.problems();
    if (!unchecked.isEmpty()) {
      // The readers above check everything problems() does, with lines; this is a safety net.
      Location file = new Location(root.location().file(), 1, 1);
      throw new ConfigException(unchecked.stream()
          .map(p -> new Diagnostic(file, "", "inconsistent topology: " + p)).toList());
    }
    return spec;
  }
}
