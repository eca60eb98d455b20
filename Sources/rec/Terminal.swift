import Foundation
import RecKit
import RecOutput

/// Whether diagnostics may use ANSI colour: `auto` colours only a terminal, and never when
/// `NO_COLOR` is set.
enum ColorMode: String, CaseIterable {
  case auto, on, off
}

/// What the executable knows about its terminal: whether a stream is one, how wide it is,
/// whether to colour; and the one way it writes to standard output and error.
enum Terminal {
  static func isTTY(_ fd: Int32) -> Bool { isatty(fd) != 0 }

  /// The width in columns: `COLUMNS` when it holds a positive number, else the terminal's
  /// own width, else 80.
  static var width: Int {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
      return columns
    }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 80
  }

  /// Whether output to `fd` is coloured under `mode`.
  static func colored(_ mode: ColorMode, fd: Int32) -> Bool {
    switch mode {
    case .on: return true
    case .off: return false
    case .auto:
      let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
      return isTTY(fd) && !noColor
    }
  }

  /// Writes `text` unbuffered to standard output (`.results`) or standard error (`.status`),
  /// so that the two interleave in the order they were written.
  static func write(_ text: String, to stream: RecOutput.OutputStream) {
    let fd = stream == .results ? STDOUT_FILENO : STDERR_FILENO
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return
      }
      bytes = bytes.dropFirst(n)
    }
  }
}

extension Terminal {
  /// Makes the C library read and write UTF-8, which libedit needs for the `  …> ` prompt and
  /// for editing non-ASCII text: the user's locale when it is UTF-8, else `C.UTF-8`.
  static func useUTF8Locale() {
    setlocale(LC_CTYPE, "")
    if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
      setlocale(LC_CTYPE, "C.UTF-8")
    }
  }
}
