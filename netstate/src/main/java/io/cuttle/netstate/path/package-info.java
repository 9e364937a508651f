/**
 * Path queries a host answers locally from a state version: equal-cost shortest paths (OSPF
 * semantics), whether they cross a link, and a site's upstream load. SPF runs on a compact
 * adjacency-array graph kept inside this package; versions that differ only in costs or link
 * states share it and update their shortest-path trees incrementally.
 */
package io.cuttle.netstate.path;
