#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a whole file that need not be a regular one: a pipe, a FIFO, `/dev/stdin`, the
/// `/dev/fd/N` of a shell's `<(…)` have no size to map or allocate beforehand, so they are read
/// until their end.
///
/// A wait (opening a FIFO no one writes to yet, a pipe that is slow to fill) returns when a
/// signal arrives (Ctrl-C is installed without `SA_RESTART`); `stop` then says whether to give up.
package enum WholeFile {
  /// Why a file could not be read: the operating system's error number.
  package struct Failure: Error, Sendable, Equatable {
    package let code: Int32

    /// The operating system's words for it ("Permission denied").
    package var reason: String { String(cString: strerror(code)) }
    /// Whether the path names nothing.
    package var isMissing: Bool { code == ENOENT || code == ENOTDIR }
    /// Whether the read was given up because `stop` said so.
    package var isInterrupted: Bool { code == EINTR }
  }

  /// `path` opened for reading; a folder is refused (`EISDIR`).
  package static func descriptor(_ path: String, stop: () -> Bool) throws(Failure) -> Int32 {
    while true {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      if fd >= 0 {
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
          close(fd)
          throw Failure(code: EISDIR)
        }
        return fd
      }
      let code = errno
      if code == EINTR, !stop() { continue }
      throw Failure(code: code)
    }
  }

  /// Every byte `fd` gives until its end.
  package static func readAll(_ fd: Int32, stop: () -> Bool) throws(Failure) -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if got > 0 {
        bytes.append(contentsOf: chunk[..<got])
      } else if got == 0 {
        return bytes
      } else {
        let code = errno
        if code == EINTR, !stop() { continue }
        throw Failure(code: code)
      }
    }
  }

  /// The bytes of the file at `path`.
  package static func bytes(atPath path: String, stop: () -> Bool) throws(Failure) -> [UInt8] {
    let fd = try descriptor(path, stop: stop)
    defer { close(fd) }
    return try readAll(fd, stop: stop)
  }
}
