/// One sort key's values as unsigned codes whose integer order is the wanted order of rows:
/// ascending or descending, equal values equal codes, missing values after every other.
/// Codes run from 0 to `span`, so a radix sort needs only the bits of `span`.
package struct SortCodes {
  /// The code of each row.
  private(set) var codes: [UInt64]
  /// The largest code.
  private(set) var span: UInt64

  /// Codes for `column` (int-backed, float, or string by the order of the text).
  /// - Complexity: O(n) (O(n + d log d) for a string column of d distinct values).
  init(_ column: Column, descending: Bool) {
    // First an order-preserving raw code per value, 0 for missing, then shifted to start at 0.
    var raw: [UInt64]
    switch column.storage {
    case .int32(let a): raw = a.map { $0 == Int32.min ? 0 : Self.raw(Int($0)) }
    case .int64(let a): raw = a.map(Self.raw)
    case .bool(let a): raw = a.map { $0 < 0 ? 0 : UInt64($0) + 1 }
    case .float32(let a): raw = a.map { Self.raw(Double($0)) }
    case .float64(let a): raw = a.map(Self.raw)
    case .string(let codes, let dict):
      let order = dict.strings.indices.sorted { dict.strings[$0] < dict.strings[$1] }
      var rank = [UInt64](repeating: 0, count: dict.count)
      for (r, code) in order.enumerated() { rank[code] = UInt64(r) + 1 }
      raw = codes.map { $0 < 0 ? 0 : rank[Int($0)] }
    case .list:
      // Lists do not order; every row ties and keeps its place.
      raw = [UInt64](repeating: 1, count: column.count)
    }
    var lo = UInt64.max
    var hi = UInt64.min
    var anyMissing = false
    raw.withUnsafeBufferPointer { raw in
      for r in raw {
        if r == 0 { anyMissing = true } else {
          lo = Swift.min(lo, r)
          hi = Swift.max(hi, r)
        }
      }
    }
    guard lo <= hi else {
      (codes, span) = ([UInt64](repeating: 0, count: raw.count), 0)
      return
    }
    // Low bits that no value sets between lo and hi (float values widened to double) are dropped.
    var bits: UInt64 = 0
    raw.withUnsafeBufferPointer { raw in
      for r in raw where r != 0 { bits |= r &- lo }
    }
    let shift = UInt64(bits == 0 ? 0 : bits.trailingZeroBitCount)
    let present = (hi &- lo) >> shift
    raw.withUnsafeMutableBufferPointer { raw in
      for i in raw.indices {
        let r = raw[i]
        raw[i] = r == 0 ? present + 1 : descending ? (hi &- r) >> shift : (r &- lo) >> shift
      }
    }
    (codes, span) = (raw, anyMissing ? present + 1 : present)
  }

  /// Integers in order as unsigned values from 1 (`Int.min`, the missing value, is 0).
  @inline(__always)
  private static func raw(_ v: Int) -> UInt64 { UInt64(bitPattern: Int64(v)) ^ (1 << 63) }

  /// Doubles in order as unsigned values above 0 (NaN, the missing value, is 0); -0 is 0.
  @inline(__always)
  private static func raw(_ d: Double) -> UInt64 {
    guard !d.isNaN else { return 0 }
    let bits = (d + 0).bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }
}
