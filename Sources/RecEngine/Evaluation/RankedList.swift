import RealModule

/// The one-dimensional reading of a page: row by row, left to right, each title once, with
/// the ranking metrics that trec_eval and ranx define on such a list (binary relevance).
///
/// Relevant titles come sorted (`SortedTitles`), so a hit is a binary search; the metrics read
/// the ranks of the hits (`HitRanks`), which an evaluation finds once per member for all its
/// metrics.
package struct RankedList: Sendable {
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

  /// The 1-based ranks, within the first `k`, of the titles in `relevant`.
  func hitRanks(_ k: Int, _ relevant: SortedTitles) -> HitRanks {
    var hits = HitRanks()
    hitRanks(k, relevant, into: &hits)
    return hits
  }

  /// `hitRanks(k, relevant)` in `hits`, whose storage is reused.
  func hitRanks(_ k: Int, _ relevant: SortedTitles, into hits: inout HitRanks) {
    hits.ranks.removeAll(keepingCapacity: true)
    hits.relevantCount = relevant.count
    for (offset, t) in titles.prefix(max(0, k)).enumerated() where relevant.contains(t) { hits.ranks.append(offset + 1) }
  }

  /// Hits in the first k over k (over k even when the list is shorter, as trec_eval's P_k).
  func precision(_ k: Int, _ relevant: SortedTitles) -> Double { hitRanks(k, relevant).precision(k) }

  /// Hits in the first k over |relevant|; `lenskit` divides by min(k, |relevant|) instead.
  func recall(_ k: Int, _ relevant: SortedTitles, lenskit: Bool = false) -> Double {
    hitRanks(k, relevant).recall(k, lenskit: lenskit)
  }

  /// Binary-gain DCG with a 1/log2(rank+1) discount over the ideal DCG of min(k, |relevant|) hits.
  func ndcg(_ k: Int, _ relevant: SortedTitles) -> Double { hitRanks(k, relevant).ndcg(k) }

  /// The sum of precision at each hit's rank within k, over |relevant| (trec_eval `map_cut`,
  /// ranx `map@k`); `recbole` divides by min(k, |relevant|) instead.
  func averagePrecision(_ k: Int, _ relevant: SortedTitles, recbole: Bool = false) -> Double {
    hitRanks(k, relevant).averagePrecision(k, recbole: recbole)
  }

  /// 1/rank of the first hit within k, 0 without one.
  func reciprocalRank(_ k: Int, _ relevant: SortedTitles) -> Double { hitRanks(k, relevant).reciprocalRank(k) }

  /// 1 when any of the first k is relevant.
  func hit(_ k: Int, _ relevant: SortedTitles) -> Double { hitRanks(k, relevant).hit(k) }
}

/// Where a list's relevant titles stand: their 1-based ranks, ascending (within some first K
/// titles), and how many titles are relevant. Every ranking metric at a cut-off k ≤ K reads
/// these alone, so one reading of a member's list serves all of them.
struct HitRanks: Sendable {
  var ranks: [Int] = []
  var relevantCount = 0

  /// `1 / log2(rank + 1)` for ranks 1…`discounts.count - 1`, the DCG discount.
  private static let discounts: [Double] = (0...1024).map { $0 == 0 ? 0 : 1 / Double.log2(Double($0) + 1) }

  @inline(__always)
  private static func discount(_ rank: Int) -> Double {
    rank < discounts.count ? discounts[rank] : 1 / Double.log2(Double(rank) + 1)
  }

  /// The number of hits within the first k.
  func count(within k: Int) -> Int {
    var n = 0
    while n < ranks.count && ranks[n] <= k { n += 1 }
    return n
  }

  func precision(_ k: Int) -> Double { Double(count(within: k)) / Double(k) }

  func recall(_ k: Int, lenskit: Bool = false) -> Double {
    guard relevantCount > 0 else { return 0 }
    return Double(count(within: k)) / Double(lenskit ? min(k, relevantCount) : relevantCount)
  }

  func ndcg(_ k: Int) -> Double {
    guard relevantCount > 0 else { return 0 }
    var dcg = 0.0
    for rank in ranks where rank <= k { dcg += Self.discount(rank) }
    var ideal = 0.0
    for rank in 1...max(1, min(k, relevantCount)) { ideal += Self.discount(rank) }
    return dcg / ideal
  }

  func averagePrecision(_ k: Int, recbole: Bool = false) -> Double {
    guard relevantCount > 0 else { return 0 }
    var sum = 0.0
    for (found, rank) in ranks.enumerated() where rank <= k { sum += Double(found + 1) / Double(rank) }
    return sum / Double(recbole ? min(k, relevantCount) : relevantCount)
  }

  func reciprocalRank(_ k: Int) -> Double {
    guard let first = ranks.first, first <= k else { return 0 }
    return 1 / Double(first)
  }

  func hit(_ k: Int) -> Double { ranks.first.map { $0 <= k ? 1 : 0 } ?? 0 }
}
