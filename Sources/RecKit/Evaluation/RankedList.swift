import RealModule

/// The one-dimensional reading of a page: row by row, left to right, each title once, with
/// the ranking metrics that trec_eval and ranx define on such a list (binary relevance).
struct RankedList: Sendable {
  /// Title ids, best first, no repeats.
  var titles: [Int]

  init(_ titles: [Int]) { self.titles = titles }

  /// Reads `page` row by row, left to right, dropping a title seen earlier.
  init(reading page: PageGrid) {
    var seen = Set<Int>()
    titles = page.rows.flatMap(\.titles).filter { seen.insert($0).inserted }
  }

  /// 1-based ranks, within the first `k`, of the titles in `relevant`.
  func hitRanks(_ k: Int, _ relevant: Set<Int>) -> [Int] {
    titles.prefix(k).enumerated().compactMap { relevant.contains($0.element) ? $0.offset + 1 : nil }
  }

  /// Hits in the first k over k (over k even when the list is shorter, as trec_eval's P_k).
  func precision(_ k: Int, _ relevant: Set<Int>) -> Double {
    Double(hitRanks(k, relevant).count) / Double(k)
  }

  /// Hits in the first k over |relevant|; `lenskit` divides by min(k, |relevant|) instead.
  func recall(_ k: Int, _ relevant: Set<Int>, lenskit: Bool = false) -> Double {
    guard !relevant.isEmpty else { return 0 }
    return Double(hitRanks(k, relevant).count) / Double(lenskit ? min(k, relevant.count) : relevant.count)
  }

  /// Binary-gain DCG with a 1/log2(rank+1) discount over the ideal DCG of min(k, |relevant|) hits.
  func ndcg(_ k: Int, _ relevant: Set<Int>) -> Double {
    guard !relevant.isEmpty else { return 0 }
    let dcg = hitRanks(k, relevant).reduce(0.0) { $0 + 1 / Double.log2(Double($1) + 1) }
    let ideal = (1...min(k, relevant.count)).reduce(0.0) { $0 + 1 / Double.log2(Double($1) + 1) }
    return dcg / ideal
  }

  /// The sum of precision at each hit's rank within k, over |relevant| (trec_eval `map_cut`,
  /// ranx `map@k`); `recbole` divides by min(k, |relevant|) instead.
  func averagePrecision(_ k: Int, _ relevant: Set<Int>, recbole: Bool = false) -> Double {
    guard !relevant.isEmpty else { return 0 }
    let sum = hitRanks(k, relevant).enumerated().reduce(0.0) { $0 + Double($1.offset + 1) / Double($1.element) }
    return sum / Double(recbole ? min(k, relevant.count) : relevant.count)
  }

  /// 1/rank of the first hit within k, 0 without one.
  func reciprocalRank(_ k: Int, _ relevant: Set<Int>) -> Double {
    hitRanks(k, relevant).first.map { 1 / Double($0) } ?? 0
  }

  /// 1 when any of the first k is relevant.
  func hit(_ k: Int, _ relevant: Set<Int>) -> Double {
    hitRanks(k, relevant).isEmpty ? 0 : 1
  }
}
