package io.cuttle.controller.topology.ospf.lsa;

import java.util.List;

/** A decoded LSA. Immutable. Types this model does not interpret are {@link Other}. */
public sealed interface Lsa {
  int ROUTER = 1;
  int NETWORK = 2;
  int SUMMARY = 3;
  int ASBR_SUMMARY = 4;
  int AS_EXTERNAL = 5;

  LsaHeader header();

  /** Router-LSA (type 1): the router's links into one area. */
  record RouterLsa(LsaHeader header, boolean areaBorder, boolean asBoundary, boolean virtualEndpoint,
      List<RouterLink> links) implements Lsa {
    public RouterLsa {
      links = List.copyOf(links);
    }
  }

  /** One link of a router-LSA (RFC 2328 A.4.2); {@code id} and {@code data} depend on the kind. */
  record RouterLink(LinkKind kind, int id, int data, int metric) {}

  /** Router-LSA link types 1-4. */
  enum LinkKind {
    POINT_TO_POINT, TRANSIT, STUB, VIRTUAL;

    /** The kind for a wire link type, or null for a type outside 1..4. */
    static LinkKind of(int wireType) {
      return wireType >= 1 && wireType <= 4 ? values()[wireType - 1] : null;
    }
  }

  /** Network-LSA (type 2), originated by a transit network's designated router. */
  record NetworkLsa(LsaHeader header, int mask, List<Integer> attachedRouters) implements Lsa {
    public NetworkLsa {
      attachedRouters = List.copyOf(attachedRouters);
    }
  }

  /** Summary-LSA: type 3 (a network in another area) or type 4 (an AS boundary router). */
  record SummaryLsa(LsaHeader header, int mask, int metric) implements Lsa {
    /** Metric meaning "unreachable". */
    public static final int LS_INFINITY = 0xFFFFFF;
  }

  /** AS-external-LSA (type 5). {@code type2} is the E bit (metric not comparable to link costs). */
  record ExternalLsa(LsaHeader header, int mask, boolean type2, int metric, int forwardingAddress,
      int routeTag) implements Lsa {}

  /** A well-formed LSA of a type this model does not interpret (e.g. opaque). */
  record Other(LsaHeader header) implements Lsa {}
}
