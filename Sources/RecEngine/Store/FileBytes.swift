import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A whole file's bytes, memory-mapped read-only for as long as the value lives.
///
/// Mapping instead of reading avoids copying a large file into a second buffer;
/// the readers scan `buffer` directly.
final class FileBytes {
  /// The file's bytes; empty for an empty file.
  let buffer: UnsafeBufferPointer<UInt8>
  private let mapped: Bool

  /// Maps the file at `path`; `displayName` is the path as the user wrote it, for errors.
  init(path: String, displayName: String) throws(DataError) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw errno == ENOENT ? DataError.fileNotFound(displayName) : DataError.io(displayName, "cannot open the file")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw DataError.io(displayName, "cannot read the file") }
    guard (info.st_mode & S_IFMT) != S_IFDIR else { throw DataError.io(displayName, "is a folder, not a file") }
    let size = Int(info.st_size)
    if size == 0 {
      buffer = UnsafeBufferPointer(start: nil, count: 0)
      mapped = false
      return
    }
    // No MAP_POPULATE: mapping every page up front runs on this thread alone, while the
    // readers' first pass over the bytes (in parallel chunks) takes the same faults on all cores.
    let flags = MAP_PRIVATE
    guard let base = mmap(nil, size, PROT_READ, flags, fd, 0), base != MAP_FAILED else {
      throw DataError.io(displayName, "cannot read the file")
    }
    buffer = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
    mapped = true
  }

  deinit {
    guard mapped, let base = buffer.baseAddress else { return }
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
