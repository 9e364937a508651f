package io.cuttle.daemon.fake;

import io.cuttle.daemon.state.StateUpdate;
import io.cuttle.daemon.subscription.ConnectionStatus;
import io.cuttle.daemon.subscription.SubscriptionListener;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Records everything a subscription reports, in order, for tests to await. */
public final class RecordingListener implements SubscriptionListener {
  public record Resubscribe(ResubscribeReason reason, String detail) {}

  public final BlockingQueue<StateUpdate> updates = new LinkedBlockingQueue<>();
  public final BlockingQueue<ConnectionStatus> statuses = new LinkedBlockingQueue<>();
  public final BlockingQueue<Resubscribe> resubscribes = new LinkedBlockingQueue<>();

  @Override
  public void updateReceived(StateUpdate update, Instant receivedAt) {
    updates.add(update);
  }

  @Override
  public void resubscribing(ResubscribeReason reason, String detail) {
    resubscribes.add(new Resubscribe(reason, detail));
  }

  @Override
  public void statusChanged(ConnectionStatus status) {
    statuses.add(status);
  }

  public <T extends StateUpdate> T awaitUpdate(Class<T> type) {
    return type.cast(Await.first(updates, type.getSimpleName(), type::isInstance));
  }
}
