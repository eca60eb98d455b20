import RecCore

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
package final class HomePageBuilder: PageBuilder {
  /// What happened to one candidate row, for `explain`.
  package struct Decision: Sendable {
    package var definition: String
    package var title: String
    /// 1-based slot, nil when the row was not placed.
    package var slot: Int?
    package var features: RowFeatures?
    package var utility: Double?
    /// The utility's named parts (a model's logit terms), empty for a formula.
    package var terms: [(name: String, value: Double)] = []
    package var rules: [String]
    package var outcome: String
  }

  let home: HomeIndexes
  let plans: [RowPlan]
  let ranked: Bool
  let utility: (any RowUtility)?
  /// The uplift model whose mean prediction over a row's titles is its `uplift` feature.
  let uplift: TitleUplift?
  let rules: DiversityRules
  let size: (rows: Int, columns: Int)
  /// Whether pages need members' affinity (and so co-visitation neighbours): a row reads it,
  /// or the page computes row features for a utility (`relevance` is affinity). Explaining a
  /// page always does, since it shows the features.
  let needsAffinity: Bool
  /// Whether pages need members' plays in time order (`MemberView.recent`).
  let needsRecency: Bool
  private let scratches: ScratchPool

  package var members: [Int]? { home.index.memberIDs }

  /// The builder of pages of `plans`; what the rows read is built now, and a stop asked of
  /// `cancellation` while it is built ends here (what was not finished is not kept). With
  /// `uplift`, each row's features carry its titles' mean predicted uplift.
  package init(
    home: HomeIndexes, plans: [RowPlan], ranked: Bool, utility: (any RowUtility)?, uplift: TitleUplift? = nil,
    rules: DiversityRules, size: (rows: Int, columns: Int), cancellation: Cancellation = .never
  ) throws(Diagnostic) {
    self.home = home
    self.plans = plans
    self.ranked = ranked
    self.utility = utility
    self.uplift = uplift
    self.rules = rules
    self.size = size
    needsAffinity = utility != nil || plans.contains(where: \.readsAffinity)
    needsRecency = needsAffinity || plans.contains(where: \.readsRecency)
    scratches = ScratchPool(titles: home.index.titleCount, genres: home.index.genreNames.count)
    // What the rows read is built here, once, before pages are built on several threads.
    if needsRecency { _ = home.index.orderedPlays }
    try cancellation.check()
    if needsAffinity { try home.build(.covisit, cancellation: cancellation) }
    for kind in Set(plans.flatMap(\.neighbourKinds)) { try home.build(kind, cancellation: cancellation) }
  }

  package func page(for member: Int) throws(Diagnostic) -> PageGrid? {
    try assemble(member, explaining: false)?.grid
  }

  /// The member's page and the decision on every candidate row; nil for an unknown member.
  package func assemble(_ member: Int) throws(Diagnostic) -> (grid: PageGrid, decisions: [Decision])? {
    try assemble(member, explaining: true)
  }

  /// The page, with the decisions only when `explaining` (a page alone skips their text).
  private func assemble(
    _ member: Int, explaining: Bool
  ) throws(Diagnostic) -> (grid: PageGrid, decisions: [Decision])? {
    guard let m = home.index.memberNumber[member] else { return nil }
    return try scratches.use { scratch throws(Diagnostic) in
      let buffers = scratch.view ?? MemberView.Buffers(titles: home.index.titleCount)
      scratch.view = nil
      let covisit = needsAffinity || explaining ? home.covisit : nil
      let ordered = needsRecency || explaining ? home.index.orderedPlays : nil
      // Handed over with `consume`, so that the view's arrays stay unshared and are written in place.
      let view = MemberView(
        member: Int(m), index: home.index, covisit: covisit, ordered: ordered, buffers: consume buffers)
      var placed: (grid: PageGrid, decisions: [Decision]) = (PageGrid(rows: []), [])
      var failure: Diagnostic?
      do throws(Diagnostic) {
        placed = try place(view, scratch: scratch, explaining: explaining)
      } catch {
        failure = error
      }
      scratch.view = (consume view).recycle(home.index)
      if let failure { throw failure }
      return placed
    }
  }

  private func place(
    _ view: MemberView, scratch: PageScratch, explaining: Bool
  ) throws(Diagnostic) -> (grid: PageGrid, decisions: [Decision]) {
    let index = home.index
    let columns = size.columns
    // Enough candidates to refill a row that loses titles to every row above it; rows are
    // first made with fewer, and extended only when a refill runs out.
    let cap = rules.uniqueTitles ? columns * size.rows : columns
    var rows: [RowPlan.Instance] = []
    var planOf: [Int] = []
    // Plans are read in place (a copy of one is a dozen reference counts per member).
    for p in plans.indices {
      let made = try plans[p].instances(view, home: home, cap: min(cap, 2 * columns), titled: explaining)
      rows.append(contentsOf: made)
      planOf.append(contentsOf: repeatElement(p, count: made.count))
    }
    // The member's predicted uplift of every title, read once for every row and stage.
    let upliftByTitle = try uplift?.scores(view, catalog: home.catalog)
    var decisions = explaining ? rows.map { Decision(definition: $0.definition, title: $0.title, rules: [], outcome: "") } : []
    // What similarity compares: the rows as their sources rank them (titles or genres). Only
    // kept up to date when a rule, the utility or an explanation reads it.
    let tracksSimilarity = explaining || utility != nil || rules.maxSimilarity != nil || rules.penalty > 0
    let identities = !tracksSimilarity ? [] : rows.map { row in
      rules.similarityBasis == .titles ? Array(row.titles.prefix(columns)) : Self.genreSet(row.titles.prefix(columns), index: index)
    }
    // Each row's largest similarity to a placed row, brought up to date as rows are placed (0
    // for every row when nothing reads it).
    var similarity = tracksSimilarity ? [Double](repeating: 0, count: rows.count) : []
    func similarityOf(_ r: Int) -> Double { tracksSimilarity ? similarity[r] : 0 }
    var dropped = [Bool](repeating: false, count: rows.count)
    var alive = Array(rows.indices)
    // Rows placed per genre, for `max K rows per genre`.
    var genreRows = rules.maxRowsPerGenre == nil ? [] : [Int](repeating: 0, count: index.genreNames.count)
    var grid: [PageGrid.Row] = []
    scratch.startPage()
    func drop(_ r: Int, _ reason: @autoclosure () -> String) {
      dropped[r] = true
      if explaining { decisions[r].outcome = reason() }
    }
    /// The titles row r would show now, in `scratch.visible`.
    func fill(_ r: Int) throws(Diagnostic) {
      scratch.fillVisible(rows[r].titles, columns: columns, unique: rules.uniqueTitles)
      if scratch.visible.count < columns, !rows[r].complete, rows[r].titles.count < cap {
        rows[r] = try plans[planOf[r]].extended(rows[r], view, home: home, cap: cap)
        scratch.fillVisible(rows[r].titles, columns: columns, unique: rules.uniqueTitles)
      }
    }
    // The commonest genre of each row, with the titles it was counted over.
    var commonest: [(visible: [Int32], genre: Int32?)?] = []
    if rules.maxRowsPerGenre != nil { commonest = Array(repeating: nil, count: rows.count) }
    while grid.count < size.rows, !alive.isEmpty {
      var best: (row: Int, genre: Int32?, utility: Double)?
      for r in alive {
        try fill(r)
        let row = rows[r]
        let visible = scratch.visible
        if explaining {
          let refilled = row.titles.prefix(columns).count(where: scratch.isUsed)
          decisions[r].rules = refilled > 0 && rules.uniqueTitles ? ["unique titles: \(refilled) refilled"] : []
        }
        if visible.count < rules.minRowLength {
          drop(r, visible.isEmpty ? "dropped: empty" : "dropped: \(visible.count) titles < min row length \(rules.minRowLength)")
          continue
        }
        // The genre counts only against `max K rows per genre`.
        var genre = row.genre
        if let limit = rules.maxRowsPerGenre {
          if genre == nil {
            if let known = commonest[r], known.visible == visible {
              genre = known.genre
            } else {
              genre = scratch.commonestGenre(visible, index: index)
              commonest[r] = (visible, genre)
            }
          }
          if let genre, genreRows[Int(genre)] >= limit {
            drop(r, "dropped: \(limit) \(limit == 1 ? "row" : "rows") of \(index.genreNames[Int(genre)]) already")
            continue
          }
        }
        if let limit = rules.maxSimilarity, similarityOf(r) > limit {
          drop(r, "dropped: similarity \(format(similarityOf(r))) > \(format(limit))")
          continue
        }
        var value = 0.0
        if utility != nil || explaining {
          var features = RowFeatures(
            titles: visible, view: view, index: index, similarity: similarityOf(r), position: grid.count + 1
          ) { scratch.releaseFreshness($0, now: view.now, index: index) }
          if let upliftByTitle, !visible.isEmpty {
            features.uplift = visible.reduce(0.0) { $0 + upliftByTitle[Int($1)] } / Double(visible.count)
          }
          value = utility?.value(features) ?? 0
          if explaining {
            decisions[r].features = features
            decisions[r].terms = utility?.terms(features) ?? []
          }
        }
        let score = value - rules.penalty * similarityOf(r)
        if explaining {
          decisions[r].utility = utility == nil ? nil : score
          if rules.penalty > 0, similarityOf(r) > 0 {
            decisions[r].rules.append("penalty: −\(format(rules.penalty * similarityOf(r)))")
          }
        }
        if best == nil || (ranked && score > best!.utility) {
          best = (r, genre, score)
        }
        if !ranked { break }
      }
      alive.removeAll { dropped[$0] }
      guard let chosen = best else { break }
      alive.removeAll { $0 == chosen.row }
      try fill(chosen.row)
      let row = rows[chosen.row]
      for t in scratch.visible { scratch.use(t) }
      if let g = chosen.genre, !genreRows.isEmpty { genreRows[Int(g)] += 1 }
      if tracksSimilarity {
        scratch.markRow(identities[chosen.row])
        for r in alive {
          let s = scratch.jaccardToMarked(identities[r], markedCount: identities[chosen.row].count)
          similarity[r] = max(similarity[r], s)
        }
      }
      let title = explaining ? row.title : plans[planOf[chosen.row]].title(of: row, view: view, index: index)
      grid.append(PageGrid.Row(
        title: title, titles: scratch.visible.map { index.titleIDs[Int($0)] }, source: row.definition))
      if explaining {
        decisions[chosen.row].slot = grid.count
        decisions[chosen.row].outcome = "placed in row \(grid.count)"
      }
    }
    if explaining {
      for r in alive where decisions[r].outcome.isEmpty { decisions[r].outcome = "not placed: page full" }
    }
    return (PageGrid(rows: grid), decisions)
  }

  /// The genre most of `titles` carry, ties by genre name; nil when they have none.
  static func commonestGenre(_ titles: [Int32], index: HistoryIndex) -> Int32? {
    PageScratch(titles: 0, genres: index.genreNames.count).commonestGenre(titles, index: index)
  }

  /// The distinct genres of `titles`.
  private static func genreSet(_ titles: ArraySlice<Int32>, index: HistoryIndex) -> [Int32] {
    var out: [Int32] = []
    for t in titles { for g in index.genres(of: Int(t)) where !out.contains(g) { out.append(g) } }
    return out
  }
}

/// `0.42` — two decimals, for explanations.
package func format(_ x: Double) -> String {
  let hundredths = Int((x * 100).rounded())
  let sign = hundredths < 0 ? "-" : ""
  let a = abs(hundredths)
  return "\(sign)\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
}
