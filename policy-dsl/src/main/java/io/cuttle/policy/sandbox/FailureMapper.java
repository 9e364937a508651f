package io.cuttle.policy.sandbox;

import java.util.Optional;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns a {@link PolyglotException} into a {@link HandlerFailure} with the guest line that caused it. */
final class FailureMapper {
  private FailureMapper() {}

  static HandlerFailure map(String handler, String function, PolyglotException e, Optional<FailureKind> tripped) {
    SourceSection at = location(e);
    int line = at == null || !at.isAvailable() ? 0 : at.getStartLine();
    int col = at == null || !at.isAvailable() ? 0 : at.getStartColumn();
    FailureKind kind = kind(e, tripped);
    return new HandlerFailure(handler, function, kind, message(e, kind), line, col);
  }

  /** True if the context cannot be used after this failure. */
  static boolean fatal(PolyglotException e, Optional<FailureKind> tripped) {
    return tripped.isPresent() || e.isCancelled() || e.isResourceExhausted() || e.isExit() || e.isInternalError();
  }

  private static FailureKind kind(PolyglotException e, Optional<FailureKind> tripped) {
    if (tripped.isPresent()) {
      return tripped.get();
    }
    if (e.isResourceExhausted()) {
      return FailureKind.STATEMENT_LIMIT;
    }
    if (e.isCancelled()) {
      return FailureKind.CLOSED;
    }
    if (e.isSyntaxError()) {
      return FailureKind.SYNTAX;
    }
    if (e.isHostException()) {
      return e.asHostException() instanceof ApiMisuse ? FailureKind.API_MISUSE : FailureKind.INTERNAL;
    }
    return e.isInternalError() ? FailureKind.INTERNAL : FailureKind.THROWN;
  }

  private static String message(PolyglotException e, FailureKind kind) {
    return switch (kind) {
      case TIME_BUDGET -> "exceeded its time budget and was cancelled";
      case MEMORY_BUDGET -> "allocated more than its memory budget and was cancelled";
      case STATEMENT_LIMIT -> "exceeded its statement limit (" + e.getMessage() + ")";
      case API_MISUSE, INTERNAL -> e.isHostException() ? String.valueOf(e.asHostException().getMessage())
          : String.valueOf(e.getMessage());
      default -> String.valueOf(e.getMessage());
    };
  }

  /** The exception's own location, else the innermost guest frame that has one. */
  private static SourceSection location(PolyglotException e) {
    SourceSection s = e.getSourceLocation();
    if (s != null && s.isAvailable()) {
      return s;
    }
    for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
      if (f.isGuestFrame() && f.getSourceLocation() != null && f.getSourceLocation().isAvailable()) {
        return f.getSourceLocation();
      }
    }
    return null;
  }
}
