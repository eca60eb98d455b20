/// Sums of doubles kept exactly, each rounded once when read: the result is the exact sum
/// correctly rounded, so it depends only on which values were added, never on their order.
///
/// The sums come in blocks of `lanes` (a bootstrap block's terms), a vector of up to eight
/// values added to a block at once. Each sum is a fixed-point integer in units of 2⁻¹⁰⁷⁴ (the
/// smallest subnormal), held as 32-bit digits in 64-bit words so that a value is added to three
/// words with no carry (a "superaccumulator", as in Neal's xsum); the carries are propagated
/// every 2³⁰ additions and when a sum is read. A block's words are stored digit-major, the lanes
/// of one digit side by side, so that a vector whose values are of like size touches few cache
/// lines. Infinities and NaN are kept aside and win as IEEE addition would.
package struct ExactSums: Sendable {
  /// Digits per sum: a double's bits reach 2⁻¹⁰⁷⁴ · 2²⁰⁹⁸ and need 53 more, with room for the
  /// carries of 2⁶⁴ additions above them.
  private static let digits = 70
  /// Additions after which the words are brought back to 32-bit digits (each addition moves a
  /// word by less than 2³², so 2³¹ of them cannot overflow one).
  private static let carryEvery = 1 << 30

  let lanes: Int
  /// Digit k of lane j of block b at `(b · digits + k) · lanes + j`.
  private var words: [Int64]
  /// Per sum (`b · lanes + j`): 1 a NaN was added, 2 a +∞, 4 a −∞.
  private var special: [UInt8]
  private var additions = 0

  /// `blocks` blocks of `lanes` sums (at most 8), all zero.
  package init(blocks: Int, lanes: Int) {
    precondition(lanes <= SIMD8<Double>.scalarCount, "a block's values are added as one vector")
    self.lanes = lanes
    words = [Int64](repeating: 0, count: blocks * Self.digits * lanes)
    special = [UInt8](repeating: 0, count: blocks * lanes)
  }

  /// Adds lane j of `v` to sum j of block `b`, for each of the block's lanes.
  /// - Complexity: O(lanes).
  @inline(__always)
  package mutating func add(_ v: SIMD8<Double>, toBlock b: Int) {
    let lanes = self.lanes
    words.withUnsafeMutableBufferPointer { words in
      for j in 0..<lanes {
        let x = v[j]
        let bits = x.bitPattern
        // Zeros are common (a row's weighted reward when it went unplayed) and add nothing.
        guard bits << 1 != 0 else { continue }
        let exponent = Int(bits >> 52 & 0x7FF)
        guard exponent != 0x7FF else {
          special[b * lanes + j] |= x.isNaN ? 1 : (x < 0 ? 4 : 2)
          continue
        }
        var mantissa = bits & (1 << 52 - 1)
        // x = mantissa · 2^(shift − 1074): subnormals have exponent 0 and no hidden bit.
        var shift = 0
        if exponent > 0 {
          mantissa |= 1 << 52
          shift = exponent - 1
        }
        let r = UInt64(shift & 31)
        // 0 for a positive value, −1 for a negative one: (d ^ sign) − sign is then ±d, unbranched.
        let sign = Int64(bitPattern: bits) >> 63
        let low = Int64(bitPattern: mantissa << r & 0xFFFF_FFFF)
        let middle = Int64(bitPattern: mantissa >> (32 - r) & 0xFFFF_FFFF)
        let high = Int64(bitPattern: mantissa >> (64 - r))
        let at = (b * Self.digits + shift >> 5) * lanes + j
        words[at] &+= (low ^ sign) &- sign
        words[at + lanes] &+= (middle ^ sign) &- sign
        words[at + 2 * lanes] &+= (high ^ sign) &- sign
      }
    }
    additions += 1
    if additions == Self.carryEvery {
      for s in special.indices {
        var d = digits(s)
        Self.carry(&d)
        store(d, s)
      }
      additions = 0
    }
  }

  /// Sum j of block b, the exact sum of what was added to it rounded to the nearest double
  /// (ties to even; below 2⁻¹⁰²², in the subnormals, the rounding may be off by one unit).
  /// - Complexity: O(1) (70 digits).
  package func value(block b: Int, lane j: Int) -> Double {
    let s = b * lanes + j
    switch special[s] {
    case 0: break
    case 2: return .infinity
    case 4: return -.infinity
    default: return .nan
    }
    var d = digits(s)
    Self.carry(&d)
    let negative = d[Self.digits - 1] < 0
    if negative {
      for k in d.indices { d[k] = 0 &- d[k] }
      Self.carry(&d)
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

  /// The words of sum `s` (`b · lanes + j`), lowest digit first.
  private func digits(_ s: Int) -> [Int64] {
    let (b, j) = s.quotientAndRemainder(dividingBy: lanes)
    return (0..<Self.digits).map { words[(b * Self.digits + $0) * lanes + j] }
  }

  private mutating func store(_ d: [Int64], _ s: Int) {
    let (b, j) = s.quotientAndRemainder(dividingBy: lanes)
    for k in d.indices { words[(b * Self.digits + k) * lanes + j] = d[k] }
  }

  /// Brings the words to digits in 0 ..< 2³², the top word keeping the sign.
  private static func carry(_ d: inout [Int64]) {
    for k in 0..<d.count - 1 {
      let c = d[k] >> 32
      d[k] &-= c << 32
      d[k + 1] &+= c
    }
  }
}
