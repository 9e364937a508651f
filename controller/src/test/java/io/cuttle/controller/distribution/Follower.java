package io.cuttle.controller.distribution;

import io.cuttle.netstate.model.NetworkState;
import io.cuttle.netstate.wire.WireCodec;
import io.cuttle.netstate.wire.WireFormatException;
import io.cuttle.wire.v1.StateMessage;
import java.util.ArrayList;
import java.util.List;

/** Applies received StateMessages the way a daemon does, remembering what it got. */
final class Follower {
  NetworkState state;
  final List<StateMessage.KindCase> kinds = new ArrayList<>();
  long lastHeartbeatVersion = -1;

  void accept(StateMessage m) throws WireFormatException {
    kinds.add(m.getKindCase());
    switch (m.getKindCase()) {
      case SNAPSHOT -> state = WireCodec.state(m.getSnapshot());
      case DELTAS -> {
        for (var d : m.getDeltas().getDeltaList()) {
          state = state.apply(WireCodec.delta(state.lineage(), d));
        }
      }
      case HEARTBEAT -> lastHeartbeatVersion = m.getHeartbeat().getVersion();
      case KIND_NOT_SET -> throw new WireFormatException("empty message");
    }
  }
}
