package io.cuttle.policy.engine;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.common.config.Location;
import io.cuttle.policy.manifest.Manifest;
import io.cuttle.policy.manifest.ManifestReader;
import io.cuttle.policy.manifest.Overrides;
import io.cuttle.policy.manifest.Overrides.HandlerOverride;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads handlers from files: {@code NAME.js} with an optional {@code NAME.manifest.yaml} beside
 * it, and a directory of them with an optional {@code handlers.yaml} of per-deployment overrides.
 * Problems are returned as diagnostics naming the file and line; nothing is thrown.
 */
public final class HandlerFiles {
  /** The per-deployment overrides file in a handler directory. */
  public static final String OVERRIDES_FILE = "handlers.yaml";

  private HandlerFiles() {}

  /** Handlers read, and the problems of those that could not be read. */
  public record Read(List<HandlerSource> handlers, List<Diagnostic> diagnostics) {
    public Read {
      handlers = List.copyOf(handlers);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /** The manifest path of a handler script. */
  public static Path manifestOf(Path script) {
    String n = script.getFileName().toString();
    String base = n.endsWith(".js") ? n.substring(0, n.length() - 3) : n;
    return script.resolveSibling(base + ".manifest.yaml");
  }

  /** The handler's name: the file name without {@code .js}. */
  public static String nameOf(Path script) {
    String n = script.getFileName().toString();
    return n.endsWith(".js") ? n.substring(0, n.length() - 3) : n;
  }

  /** Reads one handler with parameter overrides (YAML nodes, checked against the manifest). */
  public static Read one(Path script, HandlerOverride override) {
    List<Diagnostic> diags = new ArrayList<>();
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new Read(List.of(), List.of(new Diagnostic(new Location(script.toString(), 1, 1), "",
          "cannot read handler: " + e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
    Manifest manifest = Manifest.bare(nameOf(script));
    Path mf = manifestOf(script);
    if (Files.isRegularFile(mf)) {
      try {
        switch (ManifestReader.read(mf.toString(), Files.readString(mf, StandardCharsets.UTF_8), nameOf(script))) {
          case ManifestReader.Result.Read r -> manifest = r.manifest();
          case ManifestReader.Result.Invalid i -> diags.addAll(i.diagnostics());
        }
      } catch (IOException e) {
        diags.add(new Diagnostic(new Location(mf.toString(), 1, 1), "", "cannot read manifest: " + e.getMessage()));
      }
    }
    if (!diags.isEmpty()) {
      return new Read(List.of(), diags);
    }
    Diagnostics d = new Diagnostics();
    Map<String, Object> values = Overrides.check(manifest, override, d);
    if (d.hasErrors()) {
      return new Read(List.of(), d.all());
    }
    int priority = override.priority().orElse(manifest.priority());
    return new Read(List.of(new HandlerSource(manifest.name(), script.getFileName().toString(), text, manifest,
        manifest.values(values), priority)), List.of());
  }

  /** One handler with the given parameter overrides and its manifest's priority. */
  public static Read one(Path script, Map<String, ConfigNode> params) {
    return one(script, new HandlerOverride(true, OptionalInt.empty(), params));
  }

  /** Every {@code *.js} in {@code dir} (sorted by name), with {@code handlers.yaml} applied; disabled ones are skipped. */
  public static Read directory(Path dir) {
    List<Diagnostic> diags = new ArrayList<>();
    Overrides overrides = Overrides.NONE;
    Path of = dir.resolve(OVERRIDES_FILE);
    if (Files.isRegularFile(of)) {
      try {
        switch (Overrides.read(of.toString(), Files.readString(of, StandardCharsets.UTF_8))) {
          case Overrides.Result.Valid v -> overrides = v.overrides();
          case Overrides.Result.Invalid i -> diags.addAll(i.diagnostics());
        }
      } catch (IOException e) {
        diags.add(new Diagnostic(new Location(of.toString(), 1, 1), "", "cannot read: " + e.getMessage()));
      }
    }
    List<Path> scripts = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.js")) {
      ds.forEach(scripts::add);
    } catch (IOException e) {
      diags.add(new Diagnostic(new Location(dir.toString(), 1, 1), "", "cannot list handler directory: "
          + e.getMessage()));
    }
    scripts.sort(null);
    List<HandlerSource> out = new ArrayList<>();
    for (Path s : scripts) {
      HandlerOverride o = overrides.of(nameOf(s));
      if (!o.enabled()) {
        continue;
      }
      Read r = one(s, o);
      out.addAll(r.handlers());
      diags.addAll(r.diagnostics());
    }
    return new Read(out, diags);
  }
}
