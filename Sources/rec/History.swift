import CEditLine
import Foundation
import RecEngine
import RecKit

/// The prompt's history across sessions, kept by libedit and stored in `~/.rec_history`
/// (or the file `REC_HISTORY` names) in libedit's format.
///
/// An entry is what the REPL ran as one: a line, or a definition's header and clause lines
/// joined with line breaks, which libedit recalls as one text to edit (and stores with the
/// line breaks escaped as `\012`, on one line of the file). Only non-empty entries are kept.
/// The file is rewritten after every entry, atomically: libedit writes a temporary file in the
/// same folder, which is then renamed over the old one.
///
/// Several sessions may share the file: each new entry is added to what the file holds at that
/// moment (read again first, under a lock on its folder), never to this session's copy alone,
/// so no session's lines overwrite another's; the prompt's history then has them all, as a
/// shell's shared history does.
final class History {
  let path: String
  private var warned = false

  init(path: String) {
    self.path = path
  }

  /// `REC_HISTORY` when set and not empty, else `~/.rec_history`; nil with no home folder.
  static func defaultPath(environment: [String: String]) -> String? {
    if let path = environment["REC_HISTORY"], !path.isEmpty { return path }
    return environment["HOME"].map { $0 + "/.rec_history" }
  }

  /// Reads the file into libedit's history; a missing file is an empty history.
  func load() {
    stifle_history(1000)
    _ = read_history(path)
  }

  /// Adds `line` (an entry, maybe of several lines) unless it is blank, to the file's entries
  /// as they are now, and saves.
  func add(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace) else { return }
    let folder = (path as NSString).deletingLastPathComponent
    let lock = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if lock >= 0 { flock(lock, LOCK_EX) }
    defer {
      if lock >= 0 {
        flock(lock, LOCK_UN)
        close(lock)
      }
    }
    if FileManager.default.fileExists(atPath: path) {
      clear_history()
      _ = read_history(path)
    }
    add_history(line)
    save()
  }

  /// The entries in the history, oldest first.
  var lines: [String] {
    (0..<rec_history_length()).compactMap { i in
      history_get(rec_history_base() + i).flatMap { $0.pointee.line.map { String(cString: $0) } }
    }
  }

  private func save() {
    do {
      try AtomicFile.replace(path) { _, temporary throws(AtomicFile.Failure) in
        guard write_history(temporary) == 0 else {
          throw AtomicFile.Failure(reason: "libedit could not write it", folderMissing: false)
        }
      }
      return
    } catch {}
    if !warned {
      warned = true
      Terminal.write("rec: warning: cannot write the history file '\(path)'\n", to: .status)
    }
  }
}
