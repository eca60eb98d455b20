import RealModule

/// The one-dimensional reading of a page: row by row, left to right, each title once, with
/// the ranking metrics that trec_eval and ranx define on such a list (binary relevance).
///
/// Relevant titles come sorted (`SortedTitles`), so a hit is a binary search, and the metrics
/// walk the first k titles once without building a list of hit ranks.
struct RankedList: Sendable {
  /// Title ids, best first, no repeats.
  var titles: [Int]

  init(_ titles: [Int]) { self.titles = titles }

  /// Reads `page` row by row, left to right, dropping a title seen earlier.
  init(reading page: PageGrid) {
    let total = page.rows.reduce(0) { $0 + $1.titles.count }
    var out: [Int] = []
    out.reserveCapacity(total)
    if total <= 64 {
      // A short page: a look back is cheaper than hashing.
      for row in page.rows { for t in row.titles where !out.contains(t) { out.append(t) } }
    } else {
      var seen = Set<Int>(minimumCapacity: total)
      for row in page.rows { for t in row.titles where seen.insert(t).inserted { out.append(t) } }
    }
    titles = out
  }

  /// `1 / log2(rank + 1)` for ranks 1…`discounts.count - 1`, the DCG discount.
  private static let discounts: [Double] = (0...1024).map { $0 == 0 ? 0 : 1 / Double.log2(Double($0) + 1) }

  @inline(__always)
  private static func discount(_ rank: Int) -> Double {
    rank < discounts.count ? discounts[rank] : 1 / Double.log2(Double(rank) + 1)
  }

  /// Calls `body(rank)` for each 1-based rank within the first `k` whose title is relevant.
  @inline(__always)
  private func forEachHit(_ k: Int, _ relevant: SortedTitles, _ body: (Int) -> Void) {
    for (offset, t) in titles.prefix(max(0, k)).enumerated() where relevant.contains(t) { body(offset + 1) }
  }

  /// The number of relevant titles within the first `k`.
  func hits(_ k: Int, _ relevant: SortedTitles) -> Int {
    var n = 0
    forEachHit(k, relevant) { _ in n += 1 }
    return n
  }

  /// Hits in the first k over k (over k even when the list is shorter, as trec_eval's P_k).
  func precision(_ k: Int, _ relevant: SortedTitles) -> Double {
    Double(hits(k, relevant)) / Double(k)
  }

  /// Hits in the first k over |relevant|; `lenskit` divides by min(k, |relevant|) instead.
  func recall(_ k: Int, _ relevant: SortedTitles, lenskit: Bool = false) -> Double {
    guard !relevant.isEmpty else { return 0 }
    return Double(hits(k, relevant)) / Double(lenskit ? min(k, relevant.count) : relevant.count)
  }

  /// Binary-gain DCG with a 1/log2(rank+1) discount over the ideal DCG of min(k, |relevant|) hits.
  func ndcg(_ k: Int, _ relevant: SortedTitles) -> Double {
    guard !relevant.isEmpty else { return 0 }
    var dcg = 0.0
    forEachHit(k, relevant) { dcg += Self.discount($0) }
    var ideal = 0.0
    for rank in 1...max(1, min(k, relevant.count)) { ideal += Self.discount(rank) }
    return dcg / ideal
  }

  /// The sum of precision at each hit's rank within k, over |relevant| (trec_eval `map_cut`,
  /// ranx `map@k`); `recbole` divides by min(k, |relevant|) instead.
  func averagePrecision(_ k: Int, _ relevant: SortedTitles, recbole: Bool = false) -> Double {
    guard !relevant.isEmpty else { return 0 }
    var sum = 0.0
    var found = 0
    forEachHit(k, relevant) { rank in
      found += 1
      sum += Double(found) / Double(rank)
    }
    return sum / Double(recbole ? min(k, relevant.count) : relevant.count)
  }

  /// 1/rank of the first hit within k, 0 without one.
  func reciprocalRank(_ k: Int, _ relevant: SortedTitles) -> Double {
    for (offset, t) in titles.prefix(max(0, k)).enumerated() where relevant.contains(t) { return 1 / Double(offset + 1) }
    return 0
  }

  /// 1 when any of the first k is relevant.
  func hit(_ k: Int, _ relevant: SortedTitles) -> Double {
    titles.prefix(max(0, k)).contains(where: relevant.contains) ? 1 : 0
  }
}
