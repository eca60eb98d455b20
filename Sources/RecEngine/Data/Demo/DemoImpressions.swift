/// The kinds of row on a logged home page.
enum DemoRow: Int, CaseIterable {
  /// Drawn by popularity^α (with buzz) alone.
  case popular
  /// Drawn by the member's own title weights: the rows that are good for the member.
  case picks
  /// The latest releases, newest first.
  case new
  /// Titles of the member's top genre, drawn by popularity.
  case genre
  /// Uniform over released titles: a randomised row.
  case explore

  /// The row's title on the page; the genre row is named for the member's top genre.
  static let titles: [String] =
    ["Popular now", "Top picks for you", "New releases", "Something different"]
    + DemoNames.genres.map { "\($0) for you" }

  /// The index of the row's title in `titles`.
  func titleCode(topGenre: Int) -> Int32 {
    switch self {
    case .popular: 0
    case .picks: 1
    case .new: 2
    case .explore: 3
    case .genre: Int32(4 + topGenre)
    }
  }
}

extension DemoSimulator {
  /// The member's logged home pages: 3–5 moments in the active days, each a grid of 5 rows (one of
  /// each `DemoRow`, in a random order) × 8 columns of distinct titles, each shown with an artwork
  /// drawn uniformly from the title's artworks, and `played` drawn from the true take probability.
  /// Returns the pages' moments, in page order.
  mutating func simulatePages(member m: Int, into log: inout DemoLog) -> [Int] {
    var random = SeededRandom(seed: seed, stream: DemoModel.stream(member: m, .pages))
    let pages = DemoModel.pagesPerMember.lowerBound + random.below(DemoModel.pagesPerMember.count)
    let topGenre = members.topGenre[m]
    var impressions: [DemoPendingImpression] = []
    swap(&impressions, &scratch.impressions)
    defer { swap(&impressions, &scratch.impressions) }
    let moments = Self.moments(pages, in: activeDays(member: m), random: &random)
    for at in moments {
      let day = at / 86400
      let released = index.released(by: day)
      var rows = DemoRow.allCases
      for i in stride(from: rows.count - 1, to: 0, by: -1) { rows.swapAt(i, random.below(i + 1)) }
      pageToken += 1
      log.pageMember.append(Int32(m + 1))
      log.pageFirstImpression.append(log.impressionMember.count + impressions.count)
      let page = Int32(log.pageCount)
      for (r, row) in rows.enumerated() {
        log.pageRowTitles.append(row.titleCode(topGenre: topGenre))
        var newest = released
        var position: Int32 = 0
        for _ in 0..<DemoModel.pageColumns {
          var chosen: Int? = nil
          for _ in 0..<30 where chosen == nil {
            let candidate: Int?
            switch row {
            case .popular: candidate = popular.draw(day: day, random: &random)
            case .picks: candidate = personal.draw(day: day, random: &random)
            case .explore: candidate = released > 0 ? index.order[random.below(released)] : nil
            case .genre: candidate = popularInGenre[topGenre].draw(day: day, random: &random)
            case .new:
              newest -= 1
              candidate = newest >= 0 ? index.order[newest] : nil
            }
            if let t = candidate, pageMark[t] != pageToken { chosen = t }
          }
          guard let t = chosen else { continue }
          pageMark[t] = pageToken
          position += 1
          let facts = pageFacts[t]
          let artwork = Int(facts.firstArtwork) + random.below(Int(facts.artworkCount))
          let p = takes.probability(
            member: m, takeBase: facts.takeBase, genres: facts.genres, artwork: artwork,
            members: members, catalog: catalog)
          impressions.append(DemoPendingImpression(
            title: Int32(t + 1), at: Int32(at), page: page, row: Int32(r + 1), position: position,
            artwork: Int32(artwork + 1), propensity: 1 / Double(Int(facts.artworkCount)), played: random.chance(p) ? 1 : 0,
            probability: p))
        }
      }
    }
    log.impressionMember.append(contentsOf: repeatElement(Int32(m + 1), count: impressions.count))
    log.impressionTitle.append(contentsOf: impressions.lazy.map(\.title))
    log.impressionAt.append(contentsOf: impressions.lazy.map(\.at))
    log.impressionPage.append(contentsOf: impressions.lazy.map(\.page))
    log.impressionRow.append(contentsOf: impressions.lazy.map(\.row))
    log.impressionPosition.append(contentsOf: impressions.lazy.map(\.position))
    log.impressionArtwork.append(contentsOf: impressions.lazy.map(\.artwork))
    log.impressionPropensity.append(contentsOf: impressions.lazy.map(\.propensity))
    log.impressionPlayed.append(contentsOf: impressions.lazy.map(\.played))
    log.impressionTruth.append(contentsOf: impressions.lazy.map(\.probability))
    return moments
  }
}

extension DemoLog {
  /// `impressions`: member, title, at, page, row, position, artwork, propensity, played.
  func impressionsTable() -> Table {
    Table([
      ("member", Column(type: .int, storage: .int32(impressionMember))),
      ("title", Column(type: .int, storage: .int32(impressionTitle))),
      ("at", Column(type: .time, storage: .int32(impressionAt))),
      ("page", Column(type: .int, storage: .int32(impressionPage))),
      ("row", Column(type: .int, storage: .int32(impressionRow))),
      ("position", Column(type: .int, storage: .int32(impressionPosition))),
      ("artwork", Column(type: .int, storage: .int32(impressionArtwork))),
      ("propensity", Column(type: .float, storage: .float64(impressionPropensity))),
      ("played", Column(type: .bool, storage: .bool(impressionPlayed))),
    ])
  }

  /// `truth.impressions`: page, row, position, probability — the true take probability of each
  /// impression, row for row parallel to `impressions` (the key columns share its storage).
  func truthImpressionsTable() -> Table {
    Table([
      ("page", Column(type: .int, storage: .int32(impressionPage))),
      ("row", Column(type: .int, storage: .int32(impressionRow))),
      ("position", Column(type: .int, storage: .int32(impressionPosition))),
      ("probability", Column(type: .float, storage: .float64(impressionTruth))),
    ])
  }

  /// `pages`: member, row, col, title, row_title — the first logged page of every
  /// `DemoModel.pagesSampleStep`-th member (ids 1, 11, 21, …).
  func pagesTable() -> Table {
    var member: [Int32] = []
    var row: [Int32] = []
    var col: [Int32] = []
    var title: [Int32] = []
    var rowTitle: [Int32] = []
    var previous: Int32 = 0
    for (p, m) in pageMember.enumerated() where m != previous {
      previous = m
      guard (Int(m) - 1) % DemoModel.pagesSampleStep == 0 else { continue }
      let end = p + 1 < pageCount ? pageFirstImpression[p + 1] : impressionMember.count
      for i in pageFirstImpression[p]..<end {
        member.append(m)
        row.append(impressionRow[i])
        col.append(impressionPosition[i])
        title.append(impressionTitle[i])
        rowTitle.append(pageRowTitles[p * DemoModel.pageRows + Int(impressionRow[i]) - 1])
      }
    }
    return Table([
      ("member", Column(type: .int, storage: .int32(member))),
      ("row", Column(type: .int, storage: .int32(row))),
      ("col", Column(type: .int, storage: .int32(col))),
      ("title", Column(type: .int, storage: .int32(title))),
      ("row_title", Column(type: .string, storage: .string(rowTitle, StringDictionary(DemoRow.titles)))),
    ])
  }
}
