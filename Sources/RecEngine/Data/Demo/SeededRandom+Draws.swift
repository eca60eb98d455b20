extension SeededRandom {
  /// True with probability `p`.
  @inline(__always)
  mutating func chance(_ p: Double) -> Bool { uniform() < p }

  /// Uniform in [a, b).
  @inline(__always)
  mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

  /// An exponential draw with mean 1.
  mutating func exponential() -> Double {
    var u = uniform()
    while u <= 0 { u = uniform() }
    return -Double.log(u)
  }

  /// An index drawn with probability proportional to `weights[i]`, given as running totals
  /// (`cumulative[i]` = weights[0] + … + weights[i]; the last entry positive).
  /// - Complexity: O(log n).
  mutating func pick(cumulative: [Double]) -> Int {
    let r = uniform() * cumulative[cumulative.count - 1]
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  /// `k` distinct indices below `n` drawn with weights (given as running totals), in draw order;
  /// fewer when fewer than `k` indices have weight.
  mutating func pickDistinct(_ k: Int, cumulative: [Double]) -> [Int] {
    var chosen: [Int] = []
    var tries = 0
    while chosen.count < k && tries < 20 * k {
      let i = pick(cumulative: cumulative)
      if !chosen.contains(i) { chosen.append(i) }
      tries += 1
    }
    return chosen
  }
}

/// Running totals of `weights`, for `SeededRandom.pick(cumulative:)`.
func runningTotals(_ weights: [Double]) -> [Double] {
  var total = 0.0
  return weights.map { w in
    total += w
    return total
  }
}
