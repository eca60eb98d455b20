import Foundation

// Glibc's module leaves out the X/Open pseudo-terminal calls (they need _XOPEN_SOURCE);
// their C signatures are plain, so they are declared here.
@_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?
/// glibc's POSIX_SPAWN_SETSID, which the module hides behind _GNU_SOURCE.
private let spawnSetSID: Int16 = 0x80

/// The built `rec` running on a pseudo-terminal: standard input, output and error are the
/// terminal's slave side; the test types into the master side and reads what appears.
final class PseudoTerminal {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  private let master: Int32
  let pid: pid_t
  /// Everything the terminal showed so far.
  private(set) var screen = ""
  /// Where the next `expect` starts looking.
  private var mark: String.Index

  init(arguments: [String] = [], environment extra: [String: String]) throws {
    master = posix_openpt(O_RDWR | O_NOCTTY)
    guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
      throw Failure(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
    }
    let slave = open(name, O_RDWR | O_NOCTTY)
    guard slave >= 0 else { throw Failure(description: "cannot open \(String(cString: name))") }
    defer { close(slave) }
    var size = winsize(ws_row: 24, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // The child leads a new session and opens the slave itself, which makes the terminal its
    // controlling one: a typed ^C then raises SIGINT as at a real keyboard.
    posix_spawn_file_actions_addclose(&actions, master)
    posix_spawn_file_actions_addclose(&actions, slave)
    posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)

    let environment = BinaryRunner.environment(extra.merging(["TERM": "xterm", "LANG": "C.UTF-8"]) { a, _ in a })
    let argv = ([BinaryRunner.executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    // The test runner's threads may block or ignore signals; the child starts clean.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var signals = sigset_t()
    sigemptyset(&signals)
    posix_spawnattr_setsigmask(&attributes, &signals)
    sigaddset(&signals, SIGINT)
    posix_spawnattr_setsigdefault(&attributes, &signals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | spawnSetSID)
    var child: pid_t = 0
    let status = posix_spawn(&child, BinaryRunner.executable, &actions, &attributes, argv, envp)
    guard status == 0 else { throw Failure(description: "spawn failed: \(String(cString: strerror(status)))") }
    pid = child
    mark = screen.startIndex
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }

  /// Waits until the line editor has the terminal in raw mode, reading a line: keys typed
  /// before that are echoed and edited by the terminal itself (a ^D would be taken as end of file).
  func waitForLineEditor(timeout: Double = 10) throws {
    let deadline = Date().addingTimeInterval(timeout)
    var settings = termios()
    while Date() < deadline {
      if tcgetattr(master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0 { return }
      usleep(5_000)
    }
    throw Failure(description: "the line editor did not take the terminal; it showed:\n\(screen)")
  }

  /// Types `text` as if at the keyboard.
  func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Waits until `text` appears after the previous match; the next `expect` looks past it.
  /// Waits for the prompt and for the line editor to take input at it.
  func atPrompt(timeout: Double = 10) throws {
    try expect("rec> ", timeout: timeout)
    try waitForLineEditor()
  }

  func expect(_ text: String, timeout: Double = 10) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let found = screen.range(of: text, range: mark..<screen.endIndex) {
        mark = found.upperBound
        return
      }
      guard Date() < deadline, readAvailable(until: deadline) else {
        throw Failure(description: "'\(text)' did not appear; the terminal showed:\n\(screen)")
      }
    }
  }

  /// Reads whatever the program wrote until it exits, and returns its exit status.
  func waitForExit(timeout: Double = 10) throws -> Int32 {
    let deadline = Date().addingTimeInterval(timeout)
    while readAvailable(until: deadline) {}
    var status: Int32 = 0
    while Date() < deadline {
      if waitpid(pid, &status, WNOHANG) == pid {
        // Normal exit: the status byte, as the shell shows it.
        return (status >> 8) & 0xFF
      }
      usleep(20_000)
    }
    throw Failure(description: "rec did not exit; the terminal showed:\n\(screen)")
  }

  /// Reads what is ready, waiting at most until `deadline`; false at end of output or timeout.
  private func readAvailable(until deadline: Date) -> Bool {
    var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    let wait = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
    guard poll(&poller, 1, wait) > 0 else { return false }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
    guard n > 0 else { return false }
    let offset = screen.distance(from: screen.startIndex, to: mark)
    screen += String(decoding: buffer[..<n], as: UTF8.self)
    mark = screen.index(screen.startIndex, offsetBy: offset)
    return true
  }
}
