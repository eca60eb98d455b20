/// A page against the baseline on one metric, paired by member: the mean difference, its 95%
/// interval (Student's t), and a two-sided p-value from the paired t-test or from a seeded
/// Fisher randomisation (sign-flip) test whose signs are keyed by (seed, member, flip).
package struct PairedComparison: Sendable, Equatable {
  package enum Test: String, Sendable {
    case t, fisher
  }

  var difference: Double
  var low: Double
  var high: Double
  var p: Double

  /// Sign flips drawn by the randomisation test.
  static let permutations = 10_000

  /// Compares `scores` with `baseline`, unit by unit (equal lengths, at least two units); `units`
  /// are the members (or searches) scored, parallel to the scores. Every sum runs in the units'
  /// `BucketOrder` and every sign flip is keyed by the unit, so the figures do not depend on
  /// the order the units come in.
  init(_ scores: [Double], baseline: [Double], units: [BucketOrder.Unit], test: Test, seed: UInt64) {
    precondition(scores.count == baseline.count && units.count == scores.count, "paired samples differ in length")
    let d = zip(scores, baseline).map { $0 - $1 }
    let order = BucketOrder(units)
    let n = Double(d.count)
    let mean = order.sum { d[$0] } / n
    let variance = d.count > 1 ? order.sum { (d[$0] - mean) * (d[$0] - mean) } / (n - 1) : .nan
    let se = (variance / n).squareRoot()
    let half = d.count > 1 ? Distributions.tQuantile(0.975, df: n - 1) * se : .nan
    difference = mean
    low = mean - half
    high = mean + half
    switch test {
    case .t:
      p = se == 0 ? (mean == 0 ? 1 : 0) : Distributions.tTwoSided(mean / se, df: n - 1)
    case .fisher:
      p = Self.randomisationP(d, units: units, order: order, seed: seed)
    }
  }

  /// The share of sign-flipped samples whose |sum| reaches the observed one, counting the
  /// observed sample itself: (hits + 1) / (permutations + 1).
  ///
  /// The sign of unit u in flip f is bit f mod 64 of `KeyedRandom.bits(seed, .signFlip, unit: u's
  /// key, replicate: f / 64)`: a function of the unit and the flip alone. Each flip's sum follows
  /// `order`'s tree, so it is the same whatever order the units come in.
  static func randomisationP(_ d: [Double], units: [BucketOrder.Unit], order: BucketOrder, seed: UInt64) -> Double {
    let observed = abs(order.sum { d[$0] })
    // A relative tolerance so that flips giving the same sum in other float order still count.
    let threshold = observed - 1e-12 * max(1, observed)
    let words = (permutations + 63) / 64
    var totals = [Double](repeating: 0, count: words * 64)
    var bucket = totals
    for b in 0..<order.starts.count - 1 {
      for f in bucket.indices { bucket[f] = 0 }
      for i in order.starts[b]..<order.starts[b + 1] {
        let u = order.positions[i]
        let x = d[u].bitPattern
        for w in 0..<words {
          let signs = KeyedRandom.bits(seed: seed, .signFlip, unit: units[u].key, replicate: UInt64(w))
          // Bit j of `signs` set flips the sign of flip 64w + j: it lands on the sign bit.
          for j in 0..<64 { bucket[w * 64 + j] += Double(bitPattern: x ^ (signs << (63 - j) & 1 << 63)) }
        }
      }
      for f in totals.indices { totals[f] += bucket[f] }
    }
    let hits = totals[..<permutations].filter { abs($0) >= threshold }.count
    return Double(hits + 1) / Double(permutations + 1)
  }

  /// Holm–Bonferroni: whether each p-value is significant at `alpha` with the family-wise error
  /// controlled across all of them. NaN p-values are never significant.
  static func holm(_ ps: [Double], alpha: Double = 0.05) -> [Bool] {
    let order = ps.indices.filter { !ps[$0].isNaN }.sorted { (ps[$0], $0) < (ps[$1], $1) }
    var significant = [Bool](repeating: false, count: ps.count)
    for (rank, i) in order.enumerated() {
      guard ps[i] <= alpha / Double(order.count - rank) else { break }
      significant[i] = true
    }
    return significant
  }
}
