import RecCore
import Synchronization

/// A request to stop the running statement: set from another thread (the Ctrl-C handler),
/// polled by every long loop of the engine, so that one mechanism stops a load, a split, an
/// evaluation or a simulation alike.
///
/// Polling is one relaxed atomic load; loops poll every few thousand rows, often enough to stop
/// within a fraction of a second. A statement stopped this way leaves the session as it was:
/// statements change the session's state only once their work is done.
public final class Cancellation: Sendable {
  private let requested = Atomic<Bool>(false)

  /// A request that is never made: for work outside a session (tests, benchmarks).
  public static let never = Cancellation()

  public init() {}

  /// Asks the running work to stop; safe from a signal handler's thread.
  public func cancel() {
    requested.store(true, ordering: .relaxed)
  }

  /// Forgets an earlier request, before the next statement starts.
  public func reset() {
    requested.store(false, ordering: .relaxed)
  }

  /// Whether a stop was asked for since the last `reset()`.
  public var isCancelled: Bool { requested.load(ordering: .relaxed) }

  /// Throws the `interrupted` diagnostic when a stop was asked for; the session locates it at
  /// the statement that was running.
  public func check() throws(Diagnostic) {
    if isCancelled { throw Diagnostic(.interrupted(), at: nil) }
  }
}
