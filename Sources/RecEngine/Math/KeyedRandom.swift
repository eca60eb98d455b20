/// Random draws that are pure functions of (seed, unit, replicate): a draw does not depend on
/// which draws came before it, so the members, rows or blocks of a result can be visited in any
/// order, on any number of processes, and draw the same.
///
/// Each key is folded in by one SplitMix64 finaliser step (a bijection of 64 bits), so two keys
/// that differ in one component give unrelated bits. Rec's sequential generator
/// (`SeededRandom`) remains for draws that are not a result's statistic: the demo world and the
/// bandit policies' own exploration.
package enum KeyedRandom {
  /// Separate uses of one seed, so that the same (unit, replicate) draws independently in each.
  package enum Stream: UInt64 {
    /// The signs of the Fisher sign-flip test: unit a member (or search), replicate a word of 64 flips.
    case signFlip = 1
    /// The bootstrap's choice of blocks: unit the draw's slot, replicate the resample.
    case bootstrap = 2
    /// The random split: unit a row's identity (`rowKey`).
    case split = 3
  }

  /// 64 random bits for (seed, stream, unit, replicate).
  @inline(__always)
  package static func bits(seed: UInt64, _ stream: Stream, unit: UInt64, replicate: UInt64) -> UInt64 {
    var h = mix(seed &+ gamma)
    h = mix((h ^ stream.rawValue) &+ gamma)
    h = mix((h ^ unit) &+ gamma)
    return mix((h ^ replicate) &+ gamma)
  }

  /// Uniform in [0, 1), 53 bits, for (seed, stream, unit, replicate).
  @inline(__always)
  package static func uniform(seed: UInt64, _ stream: Stream, unit: UInt64, replicate: UInt64) -> Double {
    Double(bits(seed: seed, stream, unit: unit, replicate: replicate) >> 11) * 0x1.0p-53
  }

  /// One unit key from several identifying values (a row's member, title and time), unseeded:
  /// equal values give equal keys.
  @inline(__always)
  package static func key(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
    mix((mix((mix(a &+ gamma) ^ b) &+ gamma) ^ c) &+ gamma)
  }

  /// The golden-ratio increment of SplitMix64.
  private static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// SplitMix64's finaliser.
  @inline(__always)
  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
