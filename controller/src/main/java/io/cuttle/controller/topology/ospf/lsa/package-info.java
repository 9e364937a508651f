/**
 * OSPFv2 link-state advertisements (RFC 2328 appendix A.4): an immutable model of router,
 * network, summary, ASBR-summary and AS-external LSAs, and {@link
 * io.cuttle.controller.topology.ospf.lsa.LsaDecoder}, which turns raw bytes into that model or
 * into diagnostics without ever throwing.
 */
package io.cuttle.controller.topology.ospf.lsa;
