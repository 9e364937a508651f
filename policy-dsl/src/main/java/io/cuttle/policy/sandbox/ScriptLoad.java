package io.cuttle.policy.sandbox;

/** The outcome of loading a handler script into a fresh context. */
public sealed interface ScriptLoad {
  record Loaded(HandlerScript script) implements ScriptLoad {}

  record Failed(HandlerFailure failure) implements ScriptLoad {}
}
