import RecCore

/// A search ranker's training rows: for each search of a table with a click whose clicked title
/// is among its candidates, the clicked title (label 1) and `negatives` other candidates drawn
/// without replacement (all of them when nil), with their features.
///
/// Features read the history before each member's first search of the table
/// (`SearchFeatureHistory` with `.perMember`). Negatives are drawn search by search, in table
/// order, from one seeded stream (a partial Fisher–Yates shuffle of the other candidates in id
/// order); the rows are then permuted once by a second stream, the order both fits visit them in.
/// Retrieval and features run on every core, in chunks of searches; the draws, which must follow
/// table order, run between them on one.
package struct SearchTrainingSet: Sendable {
  /// Where each row came from: the search's row in the table (0-based), its member and time,
  /// the candidate title id and the label.
  package private(set) var search: [Int] = []
  package private(set) var member: [Int] = []
  package private(set) var at: [Int] = []
  package private(set) var title: [Int] = []
  package private(set) var label: [Bool] = []
  package private(set) var matrix: FeatureMatrix
  /// Searches with a click that gave rows, and those whose clicked title was not retrieved.
  package private(set) var searches = 0
  package private(set) var skipped = 0

  /// The streams of a ranker's seed: negatives, row order, initial weights.
  package static func random(seed: UInt64, _ use: Use) -> SeededRandom { SeededRandom(seed: seed, stream: use.rawValue) }
  package enum Use: UInt64 { case negatives = 1, order = 2, weights = 3 }

  /// Reads `table` (`member, query, at, clicked`) against `history`, retrieving each search's
  /// candidates from `sources` (the `limit` most popular in the history when given).
  /// - Complexity: O(searches · (candidates + rows · columns)).
  package init(
    _ table: Table, history: SearchFeatureHistory, layout: SearchFeatureLayout, sources: [SearchCandidates.Source],
    limit: Int?, negatives: Int?, seed: UInt64, cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    matrix = FeatureMatrix(columns: layout.columns.count)
    guard var retrieval = SearchCandidates(titles: history.catalog), var matcher = QueryMatcher(titles: history.catalog),
      let members = table["member"]?.integers, let times = table["at"]?.integers,
      let clicked = table["clicked"]?.integers, let queries = table["query"]
    else { return }
    var rows: [Int] = []
    var texts: [String] = []
    for i in 0..<table.count where clicked[i] != Int.min && members[i] != Int.min && times[i] != Int.min {
      guard case .string(let q) = queries.value(at: i) else { continue }
      rows.append(i)
      texts.append(q)
    }
    retrieval.remember(texts, popularity: history.popularityByRow, sources: sources)
    matcher.prepare(for: texts)
    let found = parallelMap(rows.count, copying: retrieval, part: 256) { source, k in
      cancellation.isCancelled
        ? SearchCandidates.Retrieved(titles: [], rows: [], sources: [])
        : source.retrieve(texts[k], at: times[rows[k]], popularity: history.popularityByRow, sources: sources, limit: limit)
    }
    try cancellation.check()

    var draws = Self.random(seed: seed, .negatives)
    var kept: [(k: Int, rows: [Int])] = []
    for (k, candidates) in found.enumerated() {
      let i = rows[k]
      guard let hit = candidates.titles.firstIndex(of: clicked[i]) else {
        skipped += 1
        continue
      }
      var others = Array(candidates.rows.indices.filter { $0 != hit })
      let n = min(negatives ?? others.count, others.count)
      for j in 0..<n { others.swapAt(j, j + draws.below(others.count - j)) }
      let chosen = [hit] + others.prefix(n)
      searches += 1
      for c in chosen {
        search.append(i)
        member.append(members[i])
        at.append(times[i])
        title.append(candidates.titles[c])
        label.append(c == hit)
      }
      kept.append((k, chosen.map { candidates.rows[$0] }))
    }

    // The shuffled order first, so that each search's rows are written straight into their
    // places in the one matrix: old row `order[r]` becomes row r.
    var order = Array(0..<label.count)
    var shuffle = Self.random(seed: seed, .order)
    for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, shuffle.below(i + 1)) }
    var place = [Int](repeating: 0, count: order.count)
    for (r, old) in order.enumerated() { place[old] = r }
    var first: [Int] = []
    first.reserveCapacity(kept.count)
    var next = 0
    for (_, candidates) in kept {
      first.append(next)
      next += candidates.count
    }
    let width = layout.columns.count
    var values = [Float](repeating: 0, count: order.count * width)
    let groups = chunks(of: kept.count, into: max(1, min(kept.count / 256, 64)))
    values.withUnsafeMutableBufferPointer { values in
      inParallel(groups.count) { g in
        var matcher = matcher
        var row: [Double] = []
        for s in groups[g] where !cancellation.isCancelled {
          let (k, candidates) = kept[s]
          row.removeAll(keepingCapacity: true)
          layout.rows(
            member: members[rows[k]], query: texts[k], at: times[rows[k]], candidates: candidates, history: history,
            matcher: &matcher, into: &row)
          for c in candidates.indices {
            let to = place[first[s] + c] * width
            for j in 0..<width { values[to + j] = Float(row[c * width + j]) }
          }
        }
      }
    }
    try cancellation.check()
    (search, member, at, title, label) = (
      order.map { search[$0] }, order.map { member[$0] }, order.map { at[$0] }, order.map { title[$0] },
      order.map { label[$0] }
    )
    matrix = FeatureMatrix(columns: width, values: values)
  }

  package var count: Int { label.count }
}
