/// Sums of doubles kept exactly, each rounded once when read: the result is the exact sum
/// correctly rounded, so it depends only on which values were added, never on their order.
///
/// Each sum is a fixed-point integer in units of 2⁻¹⁰⁷⁴ (the smallest subnormal), held as
/// 32-bit digits in 64-bit words so that a value is added to three words with no carry (a
/// "superaccumulator", as in Neal's xsum); the carries are propagated every 2³⁰ additions and
/// when a sum is read. Infinities and NaN are kept aside and win as IEEE addition would.
package struct ExactSums: Sendable {
  /// Digits per sum: a double's bits reach 2⁻¹⁰⁷⁴ · 2²⁰⁹⁸ and need 53 more, with room for the
  /// carries of 2⁶⁴ additions above them.
  private static let digits = 70
  /// Additions after which the words are brought back to 32-bit digits (each addition moves a
  /// word by less than 2³², so 2³¹ of them cannot overflow one).
  private static let carryEvery = 1 << 30

  private var words: [Int64]
  /// Per sum: 1 a NaN was added, 2 a +∞, 4 a −∞.
  private var special: [UInt8]
  private var additions = 0

  /// `count` sums, all zero.
  package init(count: Int) {
    words = [Int64](repeating: 0, count: count * Self.digits)
    special = [UInt8](repeating: 0, count: count)
  }

  /// Adds `x` to sum `s`.
  /// - Complexity: O(1).
  @inline(__always)
  package mutating func add(_ x: Double, to s: Int) {
    let bits = x.bitPattern
    let exponent = Int(bits >> 52 & 0x7FF)
    guard exponent != 0x7FF else {
      special[s] |= x.isNaN ? 1 : (x < 0 ? 4 : 2)
      return
    }
    var mantissa = bits & (1 << 52 - 1)
    // x = mantissa · 2^(shift − 1074): subnormals have exponent 0 and no hidden bit.
    var shift = 0
    if exponent > 0 {
      mantissa |= 1 << 52
      shift = exponent - 1
    }
    guard mantissa != 0 else { return }
    let r = UInt64(shift & 31)
    let low = Int64(bitPattern: mantissa << r & 0xFFFF_FFFF)
    let middle = Int64(bitPattern: mantissa >> (32 - r) & 0xFFFF_FFFF)
    let high = Int64(bitPattern: mantissa >> (64 - r))
    let at = s * Self.digits + shift >> 5
    if bits >> 63 == 0 {
      words[at] &+= low
      words[at + 1] &+= middle
      words[at + 2] &+= high
    } else {
      words[at] &-= low
      words[at + 1] &-= middle
      words[at + 2] &-= high
    }
    additions += 1
    if additions == Self.carryEvery {
      for s in special.indices { Self.carry(&words, s * Self.digits) }
      additions = 0
    }
  }

  /// Sum `s`, the exact sum of what was added to it rounded to the nearest double (ties to
  /// even; below 2⁻¹⁰²², in the subnormals, the rounding may be off by one unit).
  /// - Complexity: O(1) (70 digits).
  package func value(_ s: Int) -> Double {
    switch special[s] {
    case 0: break
    case 2: return .infinity
    case 4: return -.infinity
    default: return .nan
    }
    var d = Array(words[s * Self.digits..<(s + 1) * Self.digits])
    Self.carry(&d, 0)
    let negative = d[Self.digits - 1] < 0
    if negative {
      for k in d.indices { d[k] = 0 &- d[k] }
      Self.carry(&d, 0)
    }
    guard let top = d.lastIndex(where: { $0 != 0 }) else { return 0 }
    // The 64 bits below the highest set bit, from bit `low` up, and whether any bit below them is set.
    let length = 32 * top + 64 - UInt64(bitPattern: d[top]).leadingZeroBitCount
    let low = length - 64
    var window: UInt64 = 0
    var sticky = false
    for k in 0...top {
      let digit = UInt64(bitPattern: d[k])
      let offset = 32 * k - low
      if offset >= 0 {
        window |= digit << offset
      } else {
        window |= digit >> -offset
        sticky = sticky || digit & ~(UInt64.max << -offset) != 0
      }
    }
    if sticky { window |= 1 }
    // Converting 64 bits rounds once to 53; the sticky bit sits far below the rounding bit.
    return Double(sign: negative ? .minus : .plus, exponent: low - 1074, significand: Double(window))
  }

  /// Brings the words of the sum at `base` to digits in 0 ..< 2³², the top word keeping the sign.
  private static func carry(_ d: inout [Int64], _ base: Int) {
    for k in base..<base + digits - 1 {
      let c = d[k] >> 32
      d[k] &-= c << 32
      d[k + 1] &+= c
    }
  }
}
