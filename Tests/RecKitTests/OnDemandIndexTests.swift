import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine

/// Indexes and judge facts are built when a page or a metric reads them, kept while their
/// tables stand, and give the same figures as the definitions written out over sets.
@Suite struct OnDemandIndexTests {
  /// The hand-made world of `HomePageTests`, split per member, with `definitions` run.
  static func session(_ definitions: String) throws -> Session {
    let s = HomePageTests.session()
    let text = "split plays by member last 1 into train, test\n" + definitions
    if let problem = s.run(SourceFile(name: "t.rec", text: text)) { throw problem }
    return s
  }

  static let pages = """
    row pop "Popular"
      from popular()
      exclude watched
      limit 3

    row picks "Top picks"
      from top_picks()

    page plain
      rows pop
      size 1 x 3

    page personal
      rows picks, pop
      size 2 x 3
    """

  @Test func aPageOfPopularRowsBuildsNeitherNeighboursNorRecency() throws {
    let s = try Self.session(Self.pages + "\neval plain on test\n  metrics recall@3, ndcg@3")
    let home = try #require(s.homeIndexes.current)
    #expect(!home.hasBuilt(.covisit))
    #expect(!home.index.hasOrderedPlays)
    // Accuracy metrics read the relevant titles alone.
    #expect(try #require(s.homeIndexes.currentJudge).factsRead.isEmpty)
  }

  @Test func topPicksBuildCoVisitationOnceAndTheJudgeIsKept() throws {
    let s = try Self.session(Self.pages + "\neval personal on test\n  metrics recall@3, novelty")
    let home = try #require(s.homeIndexes.current)
    #expect(home.hasBuilt(.covisit))
    #expect(home.index.hasOrderedPlays)
    #expect(!home.hasBuilt(.genres))
    #expect(s.homeIndexes.judgeBuilds == 1)
    let judge = try #require(s.homeIndexes.currentJudge)
    #expect(judge.factsRead == ["surprisal"])
    // Another statement on the same split reuses both, with what they built.
    if let problem = s.run(SourceFile(name: "t.rec", text: "eval plain, personal on test\n  metrics diversity")) { throw problem }
    #expect(s.homeIndexes.builds == 1)
    #expect(s.homeIndexes.judgeBuilds == 1)
    #expect(try #require(s.homeIndexes.currentJudge).factsRead == ["genres", "surprisal"])
    // A new split is new data.
    if let problem = s.run(SourceFile(name: "t.rec", text: "split plays by member last 2 into train, test\neval plain on test")) {
      throw problem
    }
    #expect(s.homeIndexes.judgeBuilds == 2)
  }

  @Test func genreBitSetsGiveTheSetFiguresWhateverThePagesOrder() {
    var rng = SeededRandom(seed: 4)
    for names in [12, 64, 150] {
      // Titles 0..<300 with 0 to 6 genres of `names`; titles 300… are unknown to the catalog.
      let genres: [[String]] = (0..<300).map { _ in (0..<rng.below(7)).map { _ in "g\(rng.below(names))" } }
      let asList = Table([
        ("id", Column(type: .int, ints: Array(0..<300))), ("genres", Column(type: .list, values: genres.map(Value.list))),
      ])
      let asText = Table([
        ("id", Column(type: .int, ints: Array(0..<300))),
        ("genres", Column(type: .string, values: genres.map { .string($0.joined(separator: "|")) })),
      ])
      for table in [asList, asText] {
        let bits = TitleGenres(table)
        for _ in 0..<40 {
          let page = Array(Set((0..<rng.below(60)).map { _ in rng.below(330) }))
          // Counted by kind of pair, the sum is exact but for one rounding per kind: within a few
          // units in the last place of the sum taken pair by pair.
          #expect(abs(bits.meanDissimilarity(page) - Self.setDissimilarity(page, genres)) < 1e-13)
          #expect(bits.meanDissimilarity(page) == bits.meanDissimilarity(Array(page.reversed())))
        }
      }
    }
  }

  /// Mean 1 − Jaccard over pairs, as sets of names, summed in pair order.
  static func setDissimilarity(_ titles: [Int], _ genres: [[String]]) -> Double {
    let sets = titles.map { $0 < genres.count ? Set(genres[$0]) : [] }
    guard sets.count > 1 else { return 0 }
    var sum = 0.0
    for i in sets.indices {
      for j in sets.indices where j > i {
        let union = sets[i].union(sets[j]).count
        sum += union == 0 ? 0 : 1 - Double(sets[i].intersection(sets[j]).count) / Double(union)
      }
    }
    return sum / Double(sets.count * (sets.count - 1) / 2)
  }

  @Test func orderedPlaysAreEachMembersPlaysByTimeThenTitle() throws {
    var rng = SeededRandom(seed: 8)
    // Members out of order and some only in plays; ids far apart (negative, beyond 2^24);
    // missing times (first) and equal times (by title, then row).
    let rows = (0..<4000).map { _ in
      (member: [3, -2, 9, 40_000_000, 5][rng.below(5)], title: [7, -4, 1 << 30, 12, 13, 2][rng.below(6)],
        at: rng.below(20) == 0 ? Int.min : 1000 + rng.below(9), completion: Double(rng.below(10)) / 10)
    }
    let plays = Table([
      ("member", Column(type: .int, ints: rows.map(\.member))), ("title", Column(type: .int, ints: rows.map(\.title))),
      ("at", Column(type: .time, ints: rows.map(\.at))), ("completion", Column(type: .float, values: rows.map { .float($0.completion) })),
    ])
    let members = Table([("id", Column(type: .int, ints: [9, 3, 77]))])
    let index = try HistoryIndex(plays: plays, tables: ["members": members], now: nil)
    var firstSeen: [Int] = []
    for r in rows where !firstSeen.contains(r.member) && ![9, 3, 77].contains(r.member) { firstSeen.append(r.member) }
    #expect(index.memberIDs == [9, 3, 77] + firstSeen)
    #expect(index.titleIDs == [-4, 2, 7, 12, 13, 1 << 30])
    let ordered = index.orderedPlays
    for (m, id) in index.memberIDs.enumerated() {
      let expected = rows.indices.filter { rows[$0].member == id }
        .sorted { a, b in
          (rows[a].at, rows[a].title, a) < (rows[b].at, rows[b].title, b)
        }
      let range = index.plays(of: m)
      #expect(range.map { index.titleIDs[Int(ordered.titles[$0])] } == expected.map { rows[$0].title })
      #expect(range.map { ordered.times[$0] } == expected.map { rows[$0].at })
      #expect(range.map { Double(ordered.completion[$0]) } == expected.map { Double(Float(rows[$0].completion)) })
      // In table order, the same plays.
      #expect(range.map { index.titleIDs[Int(index.playTitles[$0])] }.sorted() == expected.map { rows[$0].title }.sorted())
    }
    #expect(index.playCount.map(Int.init) == index.titleIDs.map { id in rows.count(where: { $0.title == id }) })
  }
}
