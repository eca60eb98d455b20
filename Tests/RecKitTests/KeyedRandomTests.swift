import Testing

@testable import RecEngine

@Suite struct KeyedRandomTests {
  /// A draw is a function of its key alone: drawing the same keys in another order, or
  /// interleaved with other draws, gives the same values.
  @Test func drawsDoNotDependOnCallOrder() {
    let keys = (0..<200).map { (unit: UInt64($0 * 7919 % 1_000), replicate: UInt64($0 % 13)) }
    let forward = keys.map { KeyedRandom.bits(seed: 42, .bootstrap, unit: $0.unit, replicate: $0.replicate) }
    var backward = [UInt64](repeating: 0, count: keys.count)
    for i in keys.indices.reversed() {
      _ = KeyedRandom.bits(seed: 9, .split, unit: UInt64(i), replicate: 0)
      backward[i] = KeyedRandom.bits(seed: 42, .bootstrap, unit: keys[i].unit, replicate: keys[i].replicate)
    }
    #expect(forward == backward)
  }

  /// Fixed values, so that a change of the mixing (which would move every printed interval,
  /// p-value and random split) is seen here first.
  @Test func drawsAreTheSameOnEveryMachine() {
    #expect(KeyedRandom.bits(seed: 0, .signFlip, unit: 0, replicate: 0) == Self.pinned[0])
    #expect(KeyedRandom.bits(seed: 1, .bootstrap, unit: 2, replicate: 3) == Self.pinned[1])
    #expect(KeyedRandom.key(1, 2, 3) == Self.pinned[2])
  }

  /// Computed independently (a few lines of Python with the same SplitMix64 steps).
  static let pinned: [UInt64] = [0xd1c0_2706_8798_4b37, 0xc05d_562f_b03c_f199, 0xd073_4750_fde3_62b3]

  @Test func everyComponentOfTheKeyMatters() {
    let base = KeyedRandom.bits(seed: 1, .signFlip, unit: 2, replicate: 3)
    #expect(KeyedRandom.bits(seed: 2, .signFlip, unit: 2, replicate: 3) != base)
    #expect(KeyedRandom.bits(seed: 1, .bootstrap, unit: 2, replicate: 3) != base)
    #expect(KeyedRandom.bits(seed: 1, .signFlip, unit: 3, replicate: 3) != base)
    #expect(KeyedRandom.bits(seed: 1, .signFlip, unit: 2, replicate: 2) != base)
    #expect(KeyedRandom.key(1, 2, 3) != KeyedRandom.key(1, 3, 2))
  }

  /// Uniform enough for its uses: over 100,000 units the mean is near 1/2 and each of 16 bins
  /// holds near 1/16 of the draws, and each bit of `bits` is set near half the time.
  @Test func drawsAreUniform() {
    let n = 100_000
    var bins = [Int](repeating: 0, count: 16)
    var ones = [Int](repeating: 0, count: 64)
    var sum = 0.0
    for u in 0..<n {
      let x = KeyedRandom.uniform(seed: 5, .split, unit: UInt64(u), replicate: 0)
      sum += x
      bins[Int(x * 16)] += 1
      let b = KeyedRandom.bits(seed: 5, .signFlip, unit: UInt64(u), replicate: 1)
      for j in 0..<64 where b >> j & 1 == 1 { ones[j] += 1 }
    }
    #expect(abs(sum / Double(n) - 0.5) < 0.005)
    #expect(bins.allSatisfy { abs(Double($0) / Double(n) - 1.0 / 16) < 0.003 })
    #expect(ones.allSatisfy { abs(Double($0) / Double(n) - 0.5) < 0.01 })
  }
}
