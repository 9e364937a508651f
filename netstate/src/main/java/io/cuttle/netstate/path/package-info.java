/**
 * Path queries a host answers locally from a state version: equal-cost shortest paths (OSPF
 * semantics), whether they cross a link, and a site's upstream load. The graph library used to
 * compute them stays inside this package.
 */
package io.cuttle.netstate.path;
