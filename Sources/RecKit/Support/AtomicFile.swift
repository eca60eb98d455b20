#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way rec writes a file — saved tables, exported pages, `.save`, charts, notebook
/// documents, formatted scripts, the REPL's history: a reader sees the old file or the new one,
/// never a part of one, and a failed write leaves the old file as it was.
///
/// The bytes go to a temporary file in the target's folder (so that the rename stays on one file
/// system), are flushed to the disk, and the temporary file is renamed over the target. An
/// existing file's permissions are kept.
public enum AtomicFile {
  /// Why a file could not be written, in words for a diagnostic.
  public struct Failure: Error, Sendable, Equatable {
    public let reason: String
    /// Whether the folder the file should go in does not exist.
    public let folderMissing: Bool

    public init(reason: String, folderMissing: Bool) {
      self.reason = reason
      self.folderMissing = folderMissing
    }
  }

  /// Replaces the file at `path` with `bytes`.
  public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
    try replace(path) { temporary throws(Failure) in
      let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      guard fd >= 0 else { throw failure(errno) }
      var written = 0
      let error: Int32 = bytes.withUnsafeBytes { raw in
        while written < raw.count {
          guard let base = raw.baseAddress else { break }
          let n = systemWrite(fd, base + written, raw.count - written)
          if n < 0 {
            if errno == EINTR { continue }
            return errno
          }
          written += n
        }
        return fsync(fd) == 0 ? 0 : errno
      }
      let closed = close(fd) == 0
      if error != 0 { throw failure(error) }
      if !closed { throw failure(errno) }
    }
  }

  /// Replaces the file at `path` with `text`, UTF-8.
  public static func write(_ text: String, to path: String) throws(Failure) {
    try write(Array(text.utf8), to: path)
  }

  /// Replaces the file at `path` with what `fill` writes to the temporary path it is given (for
  /// writers that only take a path, such as libedit's history). `fill` throws to give up; the
  /// temporary file is then removed and the target left alone.
  public static func replace(_ path: String, _ fill: (String) throws(Failure) -> Void) throws(Failure) {
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = "\(folder).\(base).tmp-\(getpid())-\(nextSerial())"
    do throws(Failure) {
      try fill(temporary)
      var status = stat()
      if stat(path, &status) == 0 { _ = chmod(temporary, status.st_mode & 0o7777) }
      guard rename(temporary, path) == 0 else { throw failure(errno) }
    } catch {
      unlink(temporary)
      throw error
    }
  }

  private static func failure(_ code: Int32) -> Failure {
    if code == ENOENT { return Failure(reason: "the folder does not exist", folderMissing: true) }
    return Failure(reason: String(cString: strerror(code)), folderMissing: false)
  }

  /// Distinct temporary names for writes from one process, on any thread.
  private static func nextSerial() -> Int {
    serial.add(1, ordering: .relaxed).newValue
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif

import Synchronization

private let serial = Atomic<Int>(0)
