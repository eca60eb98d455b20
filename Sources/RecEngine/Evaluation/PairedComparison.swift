/// A page against the baseline on one metric, paired by member: the mean difference, its 95%
/// interval (Student's t), and a two-sided p-value from the paired t-test or from a seeded
/// Fisher randomisation (sign-flip) test.
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

  /// Compares `scores` with `baseline`, member by member (equal lengths, at least two members).
  init(_ scores: [Double], baseline: [Double], test: Test, seed: UInt64) {
    precondition(scores.count == baseline.count, "paired samples differ in length")
    let d = zip(scores, baseline).map { $0 - $1 }
    let n = Double(d.count)
    let mean = d.reduce(0, +) / n
    let variance = d.count > 1 ? d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : .nan
    let se = (variance / n).squareRoot()
    let half = d.count > 1 ? Distributions.tQuantile(0.975, df: n - 1) * se : .nan
    difference = mean
    low = mean - half
    high = mean + half
    switch test {
    case .t:
      p = se == 0 ? (mean == 0 ? 1 : 0) : Distributions.tTwoSided(mean / se, df: n - 1)
    case .fisher:
      p = Self.randomisationP(d, seed: seed)
    }
  }

  /// The share of sign-flipped samples whose |mean| reaches the observed one, counting the
  /// observed sample itself: (hits + 1) / (permutations + 1).
  static func randomisationP(_ d: [Double], seed: UInt64) -> Double {
    let observed = abs(d.reduce(0, +))
    // A relative tolerance so that flips giving the same sum in other float order still count.
    let threshold = observed - 1e-12 * max(1, observed)
    var rng = SeededRandom(seed: seed)
    var hits = 0
    for _ in 0..<permutations {
      var sum = 0.0
      for x in d { sum += rng.uniform() < 0.5 ? -x : x }
      if abs(sum) >= threshold { hits += 1 }
    }
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
