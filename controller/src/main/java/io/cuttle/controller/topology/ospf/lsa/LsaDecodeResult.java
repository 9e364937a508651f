package io.cuttle.controller.topology.ospf.lsa;

/** What {@link LsaDecoder} made of some bytes: an LSA, or why not. */
public sealed interface LsaDecodeResult {
  /** The bytes were a well-formed LSA. */
  record Decoded(Lsa lsa) implements LsaDecodeResult {}

  /**
   * The bytes were not a usable LSA.
   *
   * @param problem "expected X, got Y", naming the field
   */
  record Malformed(String problem) implements LsaDecodeResult {}
}
