/// The catalog in release order, shared by every `DemoTitleSampler`.
struct DemoReleaseIndex: Sendable {
  /// Title indices by release day, then id.
  let order: [Int]
  /// The release day of `order[k]`.
  let releasedDay: [Int]
  /// `buzz[age]`: the extra weight B · exp(−age / τ) of a title released `age` days ago.
  let buzz: [Double]

  init(catalog: DemoCatalog) {
    order = catalog.indices.sorted { (catalog.releasedDay[$0], $0) < (catalog.releasedDay[$1], $1) }
    releasedDay = order.map { catalog.releasedDay[$0] }
    buzz = (0..<DemoModel.buzzHorizon).map {
      DemoModel.buzzBoost * Double.exp(-Double($0) / DemoModel.buzzDays)
    }
  }

  /// The number of titles released on or before `day` (they are `order[0..<n]`).
  func released(by day: Int) -> Int { firstPosition(after: day) }

  /// The first position whose title was released after `day`.
  private func firstPosition(after day: Int) -> Int {
    var lo = 0
    var hi = releasedDay.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if releasedDay[mid] <= day { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// The first position of a title still buzzing on `day`.
  func buzzing(on day: Int) -> Int { firstPosition(after: day - DemoModel.buzzHorizon) }
}

/// Draws titles released by a given day with probability ∝ weight × (1 + buzz), for one member's
/// weights (or the global popularity weights). Reload it with another member's weights.
struct DemoTitleSampler {
  /// Weights by release position.
  private var weight: [Double]
  private var cumulative: [Double]
  private var cachedDay = Int.min
  private var cachedBuzz = 0.0

  init(count: Int) {
    weight = Array(repeating: 0, count: count)
    cumulative = Array(repeating: 0, count: count)
  }

  /// Takes `titleWeights` (by title index) as the weights to draw from.
  /// - Complexity: O(titles).
  mutating func load(_ titleWeights: [Double], index: DemoReleaseIndex) {
    var total = 0.0
    for (k, t) in index.order.enumerated() {
      let w = titleWeights[t]
      weight[k] = w
      total += w
      cumulative[k] = total
    }
    cachedDay = Int.min
  }

  /// A title index released on or before `day`, or nil when none has weight.
  /// - Complexity: O(log titles + titles buzzing on `day`).
  mutating func draw(day: Int, index: DemoReleaseIndex, random: inout SeededRandom) -> Int? {
    let n = index.released(by: day)
    guard n > 0 else { return nil }
    let first = index.buzzing(on: day)
    if day != cachedDay {
      cachedBuzz = 0
      for k in first..<n { cachedBuzz += weight[k] * index.buzz[day - index.releasedDay[k]] }
      cachedDay = day
    }
    let catalogMass = cumulative[n - 1]
    guard catalogMass + cachedBuzz > 0 else { return nil }
    var r = random.uniform() * (catalogMass + cachedBuzz)
    if r < catalogMass {
      // The first position whose running total exceeds r; branch-free, as the branches of an
      // ordinary binary search are unpredictable here.
      let k = cumulative.withUnsafeBufferPointer { c in
        var base = 0
        var length = n
        while length > 1 {
          let half = length / 2
          base = c[base + half - 1] <= r ? base + half : base
          length -= half
        }
        return base
      }
      return index.order[k]
    }
    r -= catalogMass
    for k in first..<n {
      r -= weight[k] * index.buzz[day - index.releasedDay[k]]
      if r < 0 { return index.order[k] }
    }
    return index.order[n - 1]
  }
}
