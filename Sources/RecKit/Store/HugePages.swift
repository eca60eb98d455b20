#if canImport(Glibc)
  import Glibc
#endif

/// Asks the kernel to back a large, not yet touched allocation with 2 MiB pages.
///
/// Loading a large file writes hundreds of megabytes of fresh memory. With 4 KiB pages
/// every page costs a fault (a quarter of a 25M-row load went to faulting, clearing and
/// unmapping pages); with transparent huge pages one fault covers 512 of them. Linux
/// only applies them where asked when its mode is `madvise`, the common default.
enum HugePages {
  /// The huge page size on the platforms that have them.
  static let size = 2 << 20

  /// Advises huge pages for the whole 2 MiB-aligned part of `bytes` bytes at `start`;
  /// nothing for a smaller span or where the platform has no such advice.
  static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
    #if canImport(Glibc)
      let address = UInt(bitPattern: start)
      let first = (address + UInt(size) - 1) & ~UInt(size - 1)
      let last = (address + UInt(bytes)) & ~UInt(size - 1)
      guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
      _ = madvise(aligned, Int(last - first), MADV_HUGEPAGE)
    #endif
  }
}
