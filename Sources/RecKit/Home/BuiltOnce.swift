import Synchronization

/// A value made the first time it is asked for and kept: indexes and facts that only some
/// statements read are built on demand, once, even when several threads ask at the same time
/// (the others wait for the first).
final class BuiltOnce<Value: Sendable>: Sendable {
  private let cell = Mutex<Value?>(nil)

  init() {}

  /// The value, made by `make` on the first call.
  func value(_ make: () -> Value) -> Value {
    cell.withLock { cell in
      if let ready = cell { return ready }
      let made = make()
      cell = made
      return made
    }
  }

  /// Whether the value has been made, for tests.
  var isBuilt: Bool { cell.withLock { $0 != nil } }
}
