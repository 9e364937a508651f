// TypeScript declarations of the Cuttle handler API.
// Save beside your handlers (`cuttle policy types > cuttle.d.ts`) and add
// `/// <reference path="cuttle.d.ts" />` at the top of a handler, or list it in jsconfig.json,
// so that editors complete and type-check handlers. Rates are in bit/s, sizes in bytes,
// durations in seconds. Every object below is read-only; reading a member that is not
// declared here, or assigning any member, fails the handler with an API-misuse error.

/** The lifecycle functions a handler defines (the paper's Exception and Fire). */
declare function exception(net: Net): boolean;
declare function fire(net: Net, host: Host): void;

/** A handler function registered by fire(); it runs on every state change and tick until it deregisters. */
type Handler = (net: Net, host: Host) => void;

/** Parameters from the handler's manifest, with deployment overrides applied (read-only). */
declare const params: { readonly [name: string]: number | string | boolean | readonly string[] };

/** Unit constants: `100 * Mbit` is 100 Mbit/s in bit/s; `5 * GB` is 5e9 bytes. */
declare const kbit: number, Mbit: number, Gbit: number;
declare const KB: number, MB: number, GB: number;

/** The network state seen from this host. */
interface Net {
  /** Version of the network state. */
  readonly version: number;
  /** Seconds since a controller last confirmed the state (0 when unknown). */
  readonly staleness: number;
  readonly self: Self;
  /** All sites, sorted by name. */
  readonly sites: readonly Site[];
  /** All links (computed on first use: prefer link(name) or linksWithLabel(label) in large networks). */
  readonly links: readonly Link[];
  /** What changed since this handler last ran (empty on its first run). */
  readonly events: readonly NetEvent[];
  /** The named site, or null. */
  site(name: string): Site | null;
  /** The named link, or null. */
  link(name: string): Link | null;
  /** Links carrying a label, sorted by name. */
  linksWithLabel(label: string): readonly Link[];
  /** Shortest paths from this host to a site name or an IP address. */
  pathTo(destination: string): Path;
  /** True if any shortest path from this host to another site crosses a link with this label (e.g. "backup"). */
  usesLabel(label: string): boolean;
}

interface Self {
  /** This host's address, or null when not configured. */
  readonly address: string | null;
  /** The site this host is in, or null. */
  readonly site: string | null;
}

interface Site {
  readonly name: string;
  /** Traffic leaving the site, summed over its uplinks that are up. */
  readonly upstream: Load;
  /** Traffic entering the site. */
  readonly downstream: Load;
  readonly uplinksUp: number;
  readonly uplinksTotal: number;
  /** Uplinks that are up but have no load measurement. */
  readonly unmeasured: number;
  readonly uplinks: readonly Link[];
}

interface Load {
  /** bit/s */
  readonly load: number;
  /** bit/s, or null when no uplink capacity is known */
  readonly capacity: number | null;
  /** load / capacity (0..1, may exceed 1), or null when the capacity is unknown */
  readonly utilisation: number | null;
}

interface Link {
  readonly name: string;
  readonly state: "up" | "down";
  readonly up: boolean;
  readonly area: string;
  readonly labels: readonly string[];
  hasLabel(label: string): boolean;
  /** bit/s, or null when unknown */
  readonly capacity: number | null;
  /** Load from end a to end b, bit/s, or null when not measured. */
  readonly loadAB: number | null;
  readonly loadBA: number | null;
  /** The larger of the two directions' loads, or null. */
  readonly load: number | null;
  /** load / capacity, or null. */
  readonly utilisation: number | null;
  /** Price per GB in currency units, or null. */
  readonly cost: number | null;
  /** A named numeric counter of the link's annotation, or undefined. */
  counter(name: string): number | undefined;
}

interface Path {
  readonly reachable: boolean;
  /** OSPF cost, or null when unreachable. */
  readonly cost: number | null;
  /** Names of the links on any of the equal-cost paths, sorted. */
  readonly links: readonly string[];
  /** Whether every path, some (ECMP), or none crosses the named link. */
  crosses(link: string): "all" | "some" | "none" | "unreachable";
  /** True if any path crosses a link with this label. */
  usesLabel(label: string): boolean;
}

interface NetEvent {
  readonly kind: "link-down" | "link-up" | "link-added" | "link-removed" | "labels-changed" | "cost-changed"
    | "site-changed";
  /** The link or site name. */
  readonly subject: string;
}

/** This host: its applications and users over the last measurement window. */
interface Host {
  readonly name: string;
  readonly apps: readonly App[];
  readonly users: readonly User[];
  app(name: string): App | null;
  user(name: string): User | null;
}

interface App {
  readonly name: string;
  /** The application's class from the daemon's configuration, e.g. "low-priority", "bulk", "interactive", "critical". */
  readonly class: string;
  /** class === "low-priority" */
  readonly isLowPriority: boolean;
  /** class === c */
  is(c: string): boolean;
  readonly users: readonly string[];
  /** The first user running it, or null. */
  readonly user: string | null;
  /** Upload rate, bit/s. */
  readonly up: number;
  /** Download rate, bit/s. */
  readonly down: number;
  readonly flows: readonly Flow[];
}

interface Flow {
  readonly protocol: "tcp" | "udp";
  readonly local: string;
  readonly localPort: number;
  readonly remote: string;
  readonly remotePort: number;
  readonly bytesUp: number;
  readonly bytesDown: number;
}

interface User {
  readonly name: string;
  readonly apps: readonly string[];
  readonly up: number;
  readonly down: number;
}

/** An application, by object or name. */
type AppRef = App | string;
/** DSCP by value 0..63 or name. */
type Dscp = number | "BE" | "DF" | "EF" | "CS1" | "CS2" | "CS3" | "CS4" | "CS5" | "CS6" | "CS7"
  | "AF11" | "AF12" | "AF13" | "AF21" | "AF22" | "AF23" | "AF31" | "AF32" | "AF33" | "AF41" | "AF42" | "AF43";

// Actions: only in fire() and registered handlers, never in exception(). They replace this
// handler's earlier request of the same kind for the app and are reverted automatically when the
// handler deregisters, is unloaded or fails.

/** Limit an application's rates in bit/s (at least one of maxUp, maxDown; each >= 1). */
declare function restrict(app: AppRef, limits: { maxUp?: number; maxDown?: number }): void;
/** Block all of an application's traffic. */
declare function block(app: AppRef): void;
/** Mark an application's traffic with a DSCP value. */
declare function mark(app: AppRef, dscp: Dscp): void;
/** Drop this handler's restrictions of one application. */
declare function unrestrict(app: AppRef): void;
/** Drop all of this handler's restrictions (the paper's RemoveAllRestrictions). */
declare function removeAllRestrictions(): void;
/** Show a message to a user. */
declare function notify(user: string | User, text: string): void;
/** Report a value (shown by `cuttle policy explain`, passed to the controller). */
declare function report(key: string, value: unknown): void;
/** Register a handler function (the paper's Register). */
declare function register(handler: Handler): void;
/** Deregister one handler function, or all when called without an argument (the paper's DeRegister). */
declare function deregister(handler?: Handler): void;
