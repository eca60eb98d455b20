import Foundation
import RecKit
import Synchronization

/// Routes Ctrl-C (SIGINT). While a statement runs, the session is asked to stop it and keeps
/// its state; at the prompt, the line being typed is dropped and a new prompt shown.
///
/// The handler only sets a flag and calls `Session.interrupt()`, which stores to an atomic.
/// It is installed without `SA_RESTART`, so that a read waiting at the prompt returns `EINTR`
/// and the line reader can see the interrupt.
enum Interrupts {
  /// Set by the handler, taken by the reader.
  private static let pending = Atomic<Bool>(false)
  /// The session the handler interrupts; set once before the handler is installed.
  nonisolated(unsafe) private static var session: Unmanaged<Session>?

  /// The thread that reads lines and runs statements; set once before the handler is installed.
  nonisolated(unsafe) private static var reader = pthread_self()

  /// Installs the SIGINT handler for `session`, which must outlive the process's reading loop.
  /// Call it on the thread that will read lines.
  static func install(for session: Session) {
    self.session = Unmanaged.passUnretained(session)
    reader = pthread_self()
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
      // The kernel may deliver the signal to any thread; only on the reading thread does it
      // also interrupt a blocked read, so it is passed on there.
      if pthread_equal(pthread_self(), Interrupts.reader) == 0 {
        pthread_kill(Interrupts.reader, SIGINT)
        return
      }
      Interrupts.pending.store(true, ordering: .relaxed)
      Interrupts.session?.takeUnretainedValue().interrupt()
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
    // A parent may have left SIGINT blocked, and a spawned process inherits that mask.
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &mask, nil)
  }

  /// Records an interrupt seen some other way (a `^C` byte that reached the line editor).
  static func raise() {
    pending.store(true, ordering: .relaxed)
  }

  /// Whether an interrupt came since the last `take()`, leaving it recorded.
  static func isPending() -> Bool {
    pending.load(ordering: .relaxed)
  }

  /// Whether an interrupt came since the last call; clears it.
  static func take() -> Bool {
    pending.exchange(false, ordering: .relaxed)
  }
}
