package io.cuttle.controller.topology.ospf.record;

/** Receives every LSA event a provider sees. Must not block for long; never throws. */
public interface LsaEventSink extends AutoCloseable {
  LsaEventSink NONE = new LsaEventSink() {
    @Override
    public void record(LsaEvent event) {}

    @Override
    public void close() {}
  };

  void record(LsaEvent event);

  @Override
  void close();
}
