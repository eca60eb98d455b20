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
    buzz = (0..<DemoModel.buzzHorizon).map(DemoModel.buzz)
  }

  /// The number of titles released on or before `day` (they are `order[0..<n]`).
  func released(by day: Int) -> Int { releasedDay.count(releasedBy: day) }
}

extension Array where Element: BinaryInteger {
  /// In an ascending array of release days, the number of days on or before `day`.
  /// - Complexity: O(log count).
  func count(releasedBy day: Int) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(self[mid]) <= day { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}

/// Draws titles released by a given day with probability ∝ weight × (1 + buzz), from the whole
/// catalog or from a subset of it (one genre's titles), for one member's weights or the global
/// popularity weights. Reload it with another member's weights.
///
/// Titles of weight 0 are never drawn, so a subset sampler draws exactly as a whole-catalog one
/// whose other titles weigh 0; keeping only the subset keeps its arrays small.
struct DemoTitleSampler {
  /// The titles drawn from, in release order (a subsequence of `DemoReleaseIndex.order`).
  private let titles: [Int32]
  /// The release day of `titles[k]`.
  private let releasedDay: [Int32]
  private let buzz: [Double]
  /// Weights by position in `titles`.
  private var weight: [Double]
  private var cumulative: [Double]
  /// For `cachedDay`: the number of titles released by then, the position of the first one still
  /// buzzing, and the buzzing titles' extra weight. Sessions and pages draw many times a day.
  private var cachedDay = Int.min
  private var cachedReleased = 0
  private var cachedBuzzing = 0
  private var cachedBuzz = 0.0

  /// A sampler over the titles of `index` for which `include` holds, all of weight 0 until `load`.
  init(index: DemoReleaseIndex, including include: (Int) -> Bool = { _ in true }) {
    let positions = index.order.indices.filter { include(index.order[$0]) }
    titles = positions.map { Int32(index.order[$0]) }
    releasedDay = positions.map { Int32(index.releasedDay[$0]) }
    buzz = index.buzz
    weight = Array(repeating: 0, count: titles.count)
    cumulative = Array(repeating: 0, count: titles.count)
  }

  /// Sets each title's weight to `weightOf(position, title)`, called in release order (`position`
  /// counts the sampler's titles).
  /// - Complexity: O(titles).
  @inline(__always)
  mutating func load(_ weightOf: (_ position: Int, _ title: Int) -> Double) {
    var total = 0.0
    for k in titles.indices {
      let w = weightOf(k, Int(titles[k]))
      weight[k] = w
      total += w
      cumulative[k] = total
    }
    cachedDay = Int.min
  }

  /// A title index released on or before `day`, or nil when none has weight.
  /// - Complexity: O(log titles) on a new day plus O(titles buzzing on `day`), then O(log titles).
  mutating func draw(day: Int, random: inout SeededRandom) -> Int? {
    if day != cachedDay { remember(day) }
    let n = cachedReleased
    guard n > 0 else { return nil }
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
      return Int(titles[k])
    }
    r -= catalogMass
    for k in cachedBuzzing..<n {
      r -= weight[k] * buzz[day - Int(releasedDay[k])]
      if r < 0 { return Int(titles[k]) }
    }
    return Int(titles[n - 1])
  }

  /// Caches the titles released by `day` and the extra weight of those still buzzing.
  private mutating func remember(_ day: Int) {
    cachedDay = day
    cachedReleased = releasedDay.count(releasedBy: day)
    cachedBuzzing = releasedDay.count(releasedBy: day - DemoModel.buzzHorizon)
    cachedBuzz = 0
    for k in cachedBuzzing..<cachedReleased { cachedBuzz += weight[k] * buzz[day - Int(releasedDay[k])] }
  }
}
