package io.cuttle.controller.topology.ospf;

import io.cuttle.controller.topology.ospf.lsa.Lsa;

/**
 * An LSA as held in the database, with the area it was flooded in (0 for AS-external LSAs,
 * whose scope is the whole domain).
 */
public record LsdbEntry(int area, Lsa lsa) {}
