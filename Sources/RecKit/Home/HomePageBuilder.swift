/// Builds `rows` and `candidates` pages: expands every row for the member, then places rows
/// one at a time under the diversity rules — in template order for a `rows` page, the best
/// utility first for a `candidates` page (the stage-wise greedy approach).
///
/// At each stage every remaining row is judged afresh: with `unique titles` it loses the
/// titles already placed and is refilled from its next candidates; then a row shorter than
/// `min row length`, one whose genre already has `max K rows per genre`, or one more similar
/// than `max similarity` to a placed row is dropped for good (none of those can improve later).
/// Similarity compares the rows as their sources rank them (first C titles, before refill), so
/// a refilled near-copy of a placed row still counts as similar.
final class HomePageBuilder: PageBuilder {
  /// What happened to one candidate row, for `explain`.
  struct Decision: Sendable {
    var definition: String
    var title: String
    /// 1-based slot, nil when the row was not placed.
    var slot: Int?
    var features: RowFeatures?
    var utility: Double?
    /// The utility's named parts (a model's logit terms), empty for a formula.
    var terms: [(name: String, value: Double)] = []
    var rules: [String]
    var outcome: String
  }

  let home: HomeIndexes
  let plans: [RowPlan]
  let ranked: Bool
  let utility: (any RowUtility)?
  let rules: DiversityRules
  let size: (rows: Int, columns: Int)

  var members: [Int]? { home.index.memberIDs }

  init(
    home: HomeIndexes, plans: [RowPlan], ranked: Bool, utility: (any RowUtility)?, rules: DiversityRules,
    size: (rows: Int, columns: Int)
  ) {
    self.home = home
    self.plans = plans
    self.ranked = ranked
    self.utility = utility
    self.rules = rules
    self.size = size
  }

  func page(for member: Int) throws(Diagnostic) -> PageGrid? {
    try assemble(member)?.grid
  }

  /// The member's page and the decision on every candidate row; nil for an unknown member.
  func assemble(_ member: Int) throws(Diagnostic) -> (grid: PageGrid, decisions: [Decision])? {
    guard let view = home.view(of: member) else { return nil }
    let index = home.index
    let columns = size.columns
    // Enough candidates to refill a row that loses titles to every row above it.
    let cap = rules.uniqueTitles ? columns * size.rows : columns
    var rows: [RowPlan.Instance] = []
    for plan in plans { rows.append(contentsOf: try plan.instances(view, home: home, cap: cap)) }
    var decisions = rows.map { Decision(definition: $0.definition, title: $0.title, rules: [], outcome: "") }
    var alive = Array(rows.indices)
    var used = [Bool](repeating: false, count: index.titleCount)
    var placed: [(identity: [Int32], genres: [Int32])] = []
    var genreRows: [Int32: Int] = [:]
    var grid: [PageGrid.Row] = []
    while grid.count < size.rows, !alive.isEmpty {
      var best: (row: Int, visible: [Int32], genre: Int32?, utility: Double, features: RowFeatures)?
      for r in alive {
        let row = rows[r]
        var visible: [Int32] = []
        for t in row.titles where !(rules.uniqueTitles && used[Int(t)]) {
          visible.append(t)
          if visible.count == columns { break }
        }
        let identity = Array(row.titles.prefix(columns))
        let refilled = identity.filter { used[Int($0)] }.count
        decisions[r].rules = refilled > 0 && rules.uniqueTitles ? ["unique titles: \(refilled) refilled"] : []
        if visible.count < rules.minRowLength {
          decisions[r].outcome = visible.isEmpty ? "dropped: empty" : "dropped: \(visible.count) titles < min row length \(rules.minRowLength)"
          continue
        }
        let genre = row.genre ?? Self.commonestGenre(visible, index: index)
        if let limit = rules.maxRowsPerGenre, let genre, genreRows[genre, default: 0] >= limit {
          decisions[r].outcome = "dropped: \(limit) rows of \(index.genreNames[Int(genre)]) already"
          continue
        }
        let mine = rules.similarityBasis == .titles ? identity : Self.genreSet(identity, index: index)
        let similarity = placed.map { jaccard(mine, rules.similarityBasis == .titles ? $0.identity : $0.genres) }.max() ?? 0
        if let limit = rules.maxSimilarity, similarity > limit {
          decisions[r].outcome = "dropped: similarity \(format(similarity)) > \(format(limit))"
          continue
        }
        let features = RowFeatures(titles: visible, view: view, index: index, similarity: similarity, position: grid.count + 1)
        let score = (utility?.value(features) ?? 0) - rules.penalty * similarity
        decisions[r].features = features
        decisions[r].utility = utility == nil ? nil : score
        decisions[r].terms = utility?.terms(features) ?? []
        if rules.penalty > 0, similarity > 0 { decisions[r].rules.append("penalty: −\(format(rules.penalty * similarity))") }
        if best == nil || (ranked && score > best!.utility) {
          best = (r, visible, genre, score, features)
        }
        if !ranked { break }
      }
      alive.removeAll { !decisions[$0].outcome.isEmpty }
      guard let chosen = best else { break }
      alive.removeAll { $0 == chosen.row }
      for t in chosen.visible { used[Int(t)] = true }
      if let g = chosen.genre { genreRows[g, default: 0] += 1 }
      let identity = Array(rows[chosen.row].titles.prefix(columns))
      placed.append((identity, Self.genreSet(identity, index: index)))
      grid.append(PageGrid.Row(
        title: rows[chosen.row].title, titles: chosen.visible.map { index.titleIDs[Int($0)] },
        source: rows[chosen.row].definition))
      decisions[chosen.row].slot = grid.count
      decisions[chosen.row].outcome = "placed in row \(grid.count)"
    }
    for r in alive where decisions[r].outcome.isEmpty { decisions[r].outcome = "not placed: page full" }
    return (PageGrid(rows: grid), decisions)
  }

  /// The genre most of `titles` carry, ties by genre name; nil when they have none.
  static func commonestGenre(_ titles: [Int32], index: HistoryIndex) -> Int32? {
    var counts = [Int](repeating: 0, count: index.genreNames.count)
    for t in titles { for g in index.titleGenres[Int(t)] { counts[Int(g)] += 1 } }
    var best: Int?
    for g in counts.indices where counts[g] > 0 {
      if let b = best, counts[b] > counts[g] || (counts[b] == counts[g] && index.genreNames[b] <= index.genreNames[g]) {
        continue
      }
      best = g
    }
    return best.map(Int32.init)
  }

  /// The distinct genres of `titles`.
  private static func genreSet(_ titles: [Int32], index: HistoryIndex) -> [Int32] {
    var out: [Int32] = []
    for t in titles { for g in index.titleGenres[Int(t)] where !out.contains(g) { out.append(g) } }
    return out
  }
}

/// `0.42` — two decimals, for explanations.
func format(_ x: Double) -> String {
  let hundredths = Int((x * 100).rounded())
  let sign = hundredths < 0 ? "-" : ""
  let a = abs(hundredths)
  return "\(sign)\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
}
