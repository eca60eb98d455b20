import RecCore

/// A search ranker's training rows: for each search of a table with a click whose clicked title
/// is among its candidates, the clicked title (label 1) and `negatives` other candidates drawn
/// without replacement (all of them when nil), with their features.
///
/// Features read the history before each member's first search of the table
/// (`SearchFeatureHistory` with `.perMember`). Negatives are drawn search by search, in table
/// order, from one seeded stream (a partial Fisher–Yates shuffle of the other candidates in id
/// order); the searches are then shuffled once by a second stream, each keeping its rows together
/// (the clicked title first, then the negatives as drawn): the order both fits visit them in.
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

    // Negatives, search by search in table order: candidate places in each search's list, the
    // clicked title first.
    var draws = Self.random(seed: seed, .negatives)
    var kept: [(k: Int, chosen: [Int])] = []
    var others: [Int] = []
    for (k, candidates) in found.enumerated() {
      guard let hit = candidates.titles.firstIndex(of: clicked[rows[k]]) else {
        skipped += 1
        continue
      }
      others.removeAll(keepingCapacity: true)
      for c in candidates.rows.indices where c != hit { others.append(c) }
      let n = min(negatives ?? others.count, others.count)
      for j in 0..<n { others.swapAt(j, j + draws.below(others.count - j)) }
      kept.append((k, [hit] + others.prefix(n)))
    }
    searches = kept.count
    // The searches shuffled, each keeping its rows together, so that the rows are written one
    // after the other in training order.
    var shuffle = Self.random(seed: seed, .order)
    for i in Swift.stride(from: kept.count - 1, to: 0, by: -1) { kept.swapAt(i, shuffle.below(i + 1)) }
    var first: [Int] = []
    first.reserveCapacity(kept.count)
    var total = 0
    for (_, chosen) in kept {
      first.append(total)
      total += chosen.count
    }

    let width = layout.columns.count
    let groups = chunks(of: kept.count, into: max(1, min(kept.count / 256, 64)))
    var (search, member) = ([Int](repeating: 0, count: total), [Int](repeating: 0, count: total))
    var (at, title) = ([Int](repeating: 0, count: total), [Int](repeating: 0, count: total))
    var label = [Bool](repeating: false, count: total)
    var matrix = FeatureMatrix(columns: width)
    Self.withUnsafeMutableBuffers(&search, &member, &at, &title, &label) { search, member, at, title, label in
      matrix = FeatureMatrix(rows: total, columns: width) { columns in
        inParallel(groups.count) { g in
          var scratch = SearchFeatureScratch(matcher: matcher)
          var row: [Double] = []
          for s in groups[g] where !cancellation.isCancelled {
            let (k, chosen) = kept[s]
            let (i, candidates) = (rows[k], found[k])
            row.removeAll(keepingCapacity: true)
            layout.rows(
              member: members[i], query: texts[k], at: times[i], candidates: chosen.map { candidates.rows[$0] },
              history: history, scratch: &scratch, into: &row)
            for (c, place) in chosen.enumerated() {
              let r = first[s] + c
              (search[r], member[r], at[r]) = (i, members[i], times[i])
              (title[r], label[r]) = (candidates.titles[place], c == 0)
              for j in 0..<width { columns[j][r] = Float(row[c * width + j]) }
            }
          }
        }
      }
    }
    try cancellation.check()
    (self.search, self.member, self.at, self.title, self.label) = (search, member, at, title, label)
    self.matrix = matrix
  }

  /// Runs `body` with buffers of the row arrays, to be written in place from every core.
  private static func withUnsafeMutableBuffers(
    _ search: inout [Int], _ member: inout [Int], _ at: inout [Int], _ title: inout [Int], _ label: inout [Bool],
    _ body: (
      UnsafeMutableBufferPointer<Int>, UnsafeMutableBufferPointer<Int>, UnsafeMutableBufferPointer<Int>,
      UnsafeMutableBufferPointer<Int>, UnsafeMutableBufferPointer<Bool>
    ) -> Void
  ) {
    search.withUnsafeMutableBufferPointer { search in
      member.withUnsafeMutableBufferPointer { member in
        at.withUnsafeMutableBufferPointer { at in
          title.withUnsafeMutableBufferPointer { title in
            label.withUnsafeMutableBufferPointer { label in body(search, member, at, title, label) }
          }
        }
      }
    }
  }

  package var count: Int { label.count }
}
