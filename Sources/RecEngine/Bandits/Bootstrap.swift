/// Seeded percentile bootstrap over blocks of consecutive rows.
///
/// The rows are cut into `min(n, 1,000)` blocks of consecutive rows (each row its own block for
/// small logs, so that it is the ordinary bootstrap there); each of the 1,000 resamples draws
/// that many blocks with replacement, and the interval is the 2.5th and 97.5th percentile of
/// the statistic. Blocks keep a member's consecutive rows together and make the cost
/// independent of the log's size.
package struct Bootstrap {
  package static let resamples = 1_000
  package static let maximumBlocks = 1_000

  /// The sums of each block, block-major: input j of block b at `b · width + j`.
  private(set) var sums: [Double]
  let width: Int
  let blocks: Int
  private let rows: Int

  /// Blocks over `n` rows with `width` sums each.
  init(rows n: Int, width: Int) {
    precondition(width <= SIMD8<Double>.scalarCount, "a block's sums are handled as one vector")
    blocks = max(1, min(n, Self.maximumBlocks))
    sums = [Double](repeating: 0, count: blocks * width)
    self.width = width
    rows = n
  }

  /// The block holding `row`.
  @inline(__always)
  func block(of row: Int) -> Int {
    rows <= Self.maximumBlocks ? row : row * blocks / rows
  }

  /// The first row of block `b` (the row count for the block after the last), so that a pass in
  /// row order finds each row's block without a division per row.
  func firstRow(ofBlock b: Int) -> Int {
    rows <= Self.maximumBlocks ? b : (b * rows + blocks - 1) / blocks
  }

  /// The sums of block `b` in the first `width` lanes, for a pass to add a block's rows to in
  /// registers and `store` back when it leaves the block: the same additions in the same order.
  @inline(__always)
  func sums(ofBlock b: Int) -> SIMD8<Double> {
    var v = SIMD8<Double>()
    for j in 0..<width { v[j] = sums[b * width + j] }
    return v
  }

  /// Sets the sums of block `b` to the first `width` lanes of `v`.
  @inline(__always)
  mutating func store(_ v: SIMD8<Double>, inBlock b: Int) {
    for j in 0..<width { sums[b * width + j] = v[j] }
  }

  /// The sums over every block.
  var totals: [Double] {
    (0..<width).map { j in (0..<blocks).reduce(0) { $0 + sums[$1 * width + j] } }
  }

  /// The 95% interval of each statistic applied to resampled totals; every statistic sees the
  /// same resamples.
  func intervals(seed: UInt64, _ statistics: [([Double]) -> Double]) -> [(low: Double, high: Double)] {
    var random = SeededRandom(seed: seed, stream: 7)
    var values = [[Double]](repeating: [], count: statistics.count)
    var totals = [Double](repeating: 0, count: width)
    for _ in 0..<Self.resamples {
      for j in 0..<width { totals[j] = 0 }
      for _ in 0..<blocks {
        let b = random.below(blocks) * width
        for j in 0..<width { totals[j] += sums[b + j] }
      }
      for (s, statistic) in statistics.enumerated() {
        let v = statistic(totals)
        if v.isFinite { values[s].append(v) }
      }
    }
    return values.map { v in
      guard !v.isEmpty else { return (.nan, .nan) }
      let sorted = v.sorted()
      return (Self.quantile(sorted, 0.025), Self.quantile(sorted, 0.975))
    }
  }

  /// The q-quantile of sorted values, linear between order statistics.
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    let h = q * Double(sorted.count - 1)
    let lo = Int(h)
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}
