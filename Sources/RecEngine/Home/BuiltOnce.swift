import Synchronization

/// A value made the first time it is asked for and kept: indexes and facts that only some
/// statements read are built on demand, once, even when several threads ask at the same time
/// (the others wait for the first).
final class BuiltOnce<Value: Sendable>: Sendable {
  private let cell = Mutex<Value?>(nil)

  init() {}

  /// The value, made by `make` on the first call; when `make` throws (a build stopped by
  /// Ctrl-C) nothing is kept, and the next call makes it again.
  func value<Failure: Error>(_ make: () throws(Failure) -> Value) throws(Failure) -> Value {
    try cell.withLock { (cell: inout Value?) throws(Failure) -> Value in
      if let ready = cell { return ready }
      let made = try make()
      cell = made
      return made
    }
  }

  /// Whether the value has been made, for tests.
  var isBuilt: Bool { cell.withLock { $0 != nil } }
}
