import RealModule

/// The one pseudo-random generator of rec: xoshiro256** seeded through SplitMix64.
///
/// The sequential random choices (the demo world, bandit exploration, k-means seeding) draw
/// from one of these with an explicit seed, so results are the same on every run and every
/// machine; the system generator is never used. Draws behind a result's statistic (random
/// splits, sign flips, bootstrap resamples) are keyed instead (`KeyedRandom`), so that they
/// do not depend on the order of the rows or members.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  public init(seed: UInt64) {
    var x = seed
    func splitmix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitmix()
    s1 = splitmix()
    s2 = splitmix()
    s3 = splitmix()
  }

  /// A generator for a sub-stream: the same `seed` and `stream` always give the same sequence,
  /// different streams independent ones (for per-member or per-worker draws).
  public init(seed: UInt64, stream: UInt64) {
    self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ 0x632B_E59B_D9B4_E019)
  }

  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// Uniform in [0, 1), 53 bits.
  @inline(__always)
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform integer in 0..<n (Lemire's method, unbiased).
  @inline(__always)
  public mutating func below(_ n: Int) -> Int {
    precondition(n > 0, "below(0)")
    return Int(next(upperBound: UInt64(n)))
  }

  /// A standard normal draw (Box–Muller, one of the pair).
  public mutating func normal() -> Double {
    var u = uniform()
    while u <= 0 { u = uniform() }
    let v = uniform()
    return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
  }
}

