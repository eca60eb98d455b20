#if canImport(Glibc)
  import Glibc
#endif

/// Asks the kernel to back the 2 MiB-aligned interior of a large fresh allocation with huge
/// pages. Filling 400 MB of columns otherwise takes one page fault per 4 KiB, about a tenth
/// of a large load's CPU time; with huge pages it is one per 2 MiB. Only advice: where the
/// kernel has none to give (or is not Linux), the memory stays as it was.
func adviseHugePages(_ base: UnsafeMutableRawPointer, byteCount: Int) {
  #if os(Linux)
    let huge = 1 << 21
    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: base) + byteCount) & ~(huge - 1)
    guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(address, end - start, MADV_HUGEPAGE)
  #endif
}
