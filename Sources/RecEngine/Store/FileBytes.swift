import RecCore
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A whole file's bytes, memory-mapped read-only for as long as the value lives.
///
/// Mapping instead of reading avoids copying a large file into a second buffer;
/// the readers scan `buffer` directly. A file that cannot be mapped because it is not a regular
/// file (a pipe, a FIFO, `/dev/stdin`, a shell's `<(…)`) is read to its end into memory instead.
final class FileBytes {
  /// The file's bytes; empty for an empty file.
  let buffer: UnsafeBufferPointer<UInt8>
  private let storage: Storage

  private enum Storage { case none, mapped, allocated }

  /// The file at `path`; `displayName` is the path as the user wrote it, for errors. A stop asked
  /// of `cancellation` ends a wait for a FIFO's writer or a pipe's bytes.
  init(path: String, displayName: String, cancellation: Cancellation = .never) throws(DataError) {
    let fd: Int32
    do {
      fd = try WholeFile.descriptor(path, stop: { cancellation.isCancelled })
    } catch {
      throw Self.failure(error, displayName)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw DataError.io(displayName, "cannot read the file") }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      let bytes: [UInt8]
      do {
        bytes = try WholeFile.readAll(fd, stop: { cancellation.isCancelled })
      } catch {
        throw Self.failure(error, displayName)
      }
      let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
      _ = copy.initialize(from: bytes)
      buffer = UnsafeBufferPointer(start: copy.baseAddress, count: bytes.count)
      storage = .allocated
      return
    }
    let size = Int(info.st_size)
    if size == 0 {
      buffer = UnsafeBufferPointer(start: nil, count: 0)
      storage = .none
      return
    }
    // No MAP_POPULATE: mapping every page up front runs on this thread alone, while the
    // readers' first pass over the bytes (in parallel chunks) takes the same faults on all cores.
    let flags = MAP_PRIVATE
    guard let base = mmap(nil, size, PROT_READ, flags, fd, 0), base != MAP_FAILED else {
      throw DataError.io(displayName, "cannot read the file: \(String(cString: strerror(errno)))")
    }
    buffer = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
    storage = .mapped
  }

  private static func failure(_ error: WholeFile.Failure, _ displayName: String) -> DataError {
    if error.isMissing { return DataError.fileNotFound(displayName) }
    if error.isInterrupted { return DataError.interrupted(displayName) }
    if error.code == EISDIR { return DataError.io(displayName, "is a folder, not a file") }
    return DataError.io(displayName, "cannot read the file: \(error.reason)")
  }

  deinit {
    guard let base = buffer.baseAddress else { return }
    if storage == .allocated {
      UnsafeMutablePointer(mutating: base).deallocate()
      return
    }
    guard storage == .mapped else { return }
    let mapping = UncheckedSendable((UnsafeMutableRawPointer(mutating: base), buffer.count))
    // Tearing down the page tables of a large mapping takes tens of milliseconds that no
    // one needs to wait for: the table read from it is complete.
    if mapping.value.1 < Self.backgroundUnmapBytes {
      munmap(mapping.value.0, mapping.value.1)
    } else {
      DispatchQueue.global(qos: .utility).async { munmap(mapping.value.0, mapping.value.1) }
    }
  }

  /// Mappings this large are unmapped on another thread.
  static let backgroundUnmapBytes = 1 << 26

  /// Whether a file or folder exists at `path`.
  static func exists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }
}
