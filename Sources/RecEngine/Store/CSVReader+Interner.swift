#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CSVReader {
  /// Dictionary-encodes strings while scanning: each distinct byte string is hashed,
  /// validated as UTF-8 and turned into a `String` once, the first time it is seen.
  ///
  /// Open addressing over an arena of the distinct byte strings; codes are insertion order.
  struct Interner {
    /// The distinct strings; a code is an index.
    private(set) var strings: [String] = []
    private var arena: [UInt8] = []
    /// Entry `i` is `arena[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Codes by hash slot; -1 is empty. The count is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 64)

    /// The code of `p[0..<n]`, adding it when new; nil when the bytes are not valid UTF-8.
    /// - Complexity: O(n) expected.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for i in 0..<n { h = (h ^ UInt64(p[i])) &* 0x100_0000_01b3 }
      h ^= h >> 29
      let mask = slots.count - 1
      var slot = Int(truncatingIfNeeded: h) & mask
      while true {
        let code = slots[slot]
        if code < 0 { break }
        if hashes[Int(code)] == h, matches(Int(code), p, n) { return code }
        slot = (slot + 1) & mask
      }
      guard let s = String(validating: UnsafeBufferPointer(start: p, count: n), as: UTF8.self) else {
        return nil
      }
      let code = Int32(strings.count)
      strings.append(s)
      hashes.append(h)
      arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
      starts.append(arena.count)
      slots[slot] = code
      if strings.count * 2 > slots.count { grow() }
      return code
    }

    private func matches(_ code: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
      let start = starts[code]
      guard starts[code + 1] - start == n else { return false }
      return n == 0 || arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, p, n) == 0 }
    }

    private mutating func grow() {
      slots = [Int32](repeating: -1, count: slots.count * 2)
      let mask = slots.count - 1
      for (code, h) in hashes.enumerated() {
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(code)
      }
    }
  }
}
