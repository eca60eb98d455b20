import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine

/// Row sources, clauses, diversity and row ranking on a hand-made world of six titles and
/// three members, where every expected order can be worked out by hand.
@Suite struct HomePageTests {
  static func day(_ m: Int, _ d: Int, year: Int = 2026) -> Int { CivilTime.days(year: year, month: m, day: d) }

  /// titles 1…6, members 1 (NL), 2 (US), 3 (NL); the latest play (member 3, 05-30) is "now".
  static func session(impressions: [(member: Int, title: Int)] = []) -> Session {
    let s = Session(options: SessionOptions(format: .csv)) { _, _ in }
    let genres: [[String]] = [["Drama"], ["Drama", "Comedy"], ["Comedy"], ["Action"], ["Action", "Drama"], ["Comedy"]]
    let cast: [[String]] = [["x"], ["x", "y"], ["y"], ["z"], ["z"], []]
    let released = [day(5, 20), day(1, 1, year: 2025), day(5, 25), day(1, 1, year: 2024), day(1, 1), day(1, 1, year: 2020)]
    s.tables["titles"] = Table([
      ("id", Column(type: .int, ints: Array(1...6))),
      ("name", Column(type: .string, values: ["A", "B", "C", "D", "E", "F"].map(Value.string))),
      ("genres", Column(type: .list, values: genres.map(Value.list))),
      ("cast", Column(type: .list, values: cast.map(Value.list))),
      ("released", Column(type: .date, ints: released)),
    ])
    s.tables["members"] = Table([
      ("id", Column(type: .int, ints: [1, 2, 3])),
      ("country", Column(type: .string, values: ["NL", "US", "NL"].map(Value.string))),
    ])
    let plays: [(Int, Int, Int, Double)] = [
      (1, 1, day(5, 1), 1), (1, 2, day(5, 10), 0.5), (1, 4, day(5, 28), 0.3),
      (2, 1, day(5, 2), 1), (2, 2, day(5, 3), 1), (2, 3, day(5, 29), 1),
      (3, 2, day(5, 5), 1), (3, 3, day(5, 6), 1), (3, 5, day(5, 30), 0.95),
    ]
    s.tables["plays"] = Table([
      ("member", Column(type: .int, ints: plays.map(\.0))),
      ("title", Column(type: .int, ints: plays.map(\.1))),
      ("at", Column(type: .time, ints: plays.map { $0.2 * 86400 })),
      ("completion", Column(type: .float, values: plays.map { .float($0.3) })),
    ])
    s.tables["impressions"] = Table([
      ("member", Column(type: .int, ints: impressions.map(\.member))),
      ("title", Column(type: .int, ints: impressions.map(\.title))),
      ("at", Column(type: .time, ints: impressions.map { _ in day(5, 15) * 86400 })),
      ("played", Column(type: .bool, values: impressions.map { _ in .bool(false) })),
    ])
    return s
  }

  /// The grid of `page` for `member` after running `definitions`, as title ids per row.
  static func grid(_ definitions: String, page: String = "p", member: Int, session: Session = session()) throws -> [[Int]] {
    if let problem = session.run(SourceFile(name: "t.rec", text: definitions)) { throw problem }
    let p = try session.plan(ofPage: page)
    let context = PageContext(plays: session.tables["plays"]!, tables: Dictionary(uniqueKeysWithValues: session.tables.map { ($0, $1) }), now: nil)
    return try session.homePageBuilder(p, context: context).page(for: member)?.rows.map(\.titles) ?? []
  }

  /// One row `r` from `source` (clause lines appended), on a rows page.
  static func row(_ source: String, member: Int = 1) throws -> [Int] {
    try grid("row r\n  from \(source)\n\npage p\n  rows r\n", member: member).first ?? []
  }

  @Test func continueWatchingIsPartlyWatchedMostRecentFirst() throws {
    #expect(try Self.row("continue_watching(min: 5%, max: 90%)") == [4, 2])
  }

  @Test func popularCountsPlaysMostFirstTiesById() throws {
    #expect(try Self.row("popular()") == [2, 1, 3, 4, 5])
    #expect(try Self.row("popular(window: 7d)") == [3, 4, 5])
  }

  @Test func popularBySegmentCountsThatSegmentOnly() throws {
    #expect(try Self.row("popular(by: member.country)", member: 1) == [2, 1, 3, 4, 5])
    #expect(try Self.row("popular(by: member.country)", member: 2) == [1, 2, 3])
  }

  @Test func newReleasesNewestFirst() throws {
    #expect(try Self.row("new_releases(within: 30d)") == [3, 1])
  }

  @Test func titlesWhereOrderBy() throws {
    #expect(try Self.row("titles where \"Comedy\" in genres\n  order by released desc") == [3, 2, 6])
    #expect(try Self.row("titles where popularity >= 2\n  order by popularity desc") == [2, 1, 3])
  }

  @Test func excludeWatchedAndLimit() throws {
    #expect(try Self.row("popular()\n  exclude watched") == [3, 5])
    #expect(try Self.row("popular()\n  limit 2") == [2, 1])
  }

  @Test func similarByCovisitAndGenres() throws {
    // Member 1's most recent play is title 4; seed it explicitly through recent_plays(limit: 1).
    let covisit = try Self.grid(
      "row r \"Because {seed.name}\"\n  for seed in recent_plays(limit: 3)\n  from similar(seed, by: covisit)\n\npage p\n  rows r\n",
      member: 2)
    // Member 2 played 3, 2, 1 (most recent first). Cosine on member sets:
    // 3 {2,3}: 2 {1,2,3} → 2/√6 ≈ 0.82, 5 {3} → 1/√2 ≈ 0.71, 1 {1,2} → 1/2.
    #expect(covisit.first == [2, 5, 1])
    let genres = try Self.grid(
      "row r\n  for seed in recent_plays(limit: 3)\n  from similar(seed, by: genres)\n\npage p\n  rows r\n", member: 2)
    // Title 1 (Drama): 2 {Drama, Comedy} and 5 {Action, Drama} both 1/2, ties by id.
    #expect(genres.last == [2, 5])
  }

  @Test func uniqueTitlesRefillsFromTheNextCandidates() throws {
    let page = """
      row a
        from popular()
        limit 3
      row b
        from titles
      diversity d
        unique titles
      page p
        rows a, b
        diversity d
        size 2 x 3
      """
    #expect(try Self.grid(page, member: 1) == [[2, 1, 3], [4, 5, 6]])
  }

  @Test func minRowLengthDropsShortRows() throws {
    let page = """
      row a
        from popular()
        limit 3
      row b
        from titles
      diversity d
        min row length 4
      page p
        rows a, b
        diversity d
        size 2 x 4
      """
    #expect(try Self.grid(page, member: 1) == [[1, 2, 3, 4]])
  }

  @Test func maxRowsPerGenre() throws {
    // Both rows are about Comedy (their commonest genre); the second Comedy row is dropped.
    let page = """
      row a
        from titles where "Comedy" in genres
      row b
        from titles where "Comedy" in genres
        order by id desc
      row c
        from titles where "Action" in genres
      diversity d
        max 1 rows per genre
      page p
        rows a, b, c
        diversity d
      """
    #expect(try Self.grid(page, member: 1) == [[2, 3, 6], [4, 5]])
  }

  @Test func ignoredTitlesLoseFreshnessSoThePageChanges() throws {
    let page = """
      row recent3
        from titles where id = 3
      row recent1
        from titles where id = 1
      page p
        candidates recent1, recent3
        utility freshness
      """
    // Title 3 is the newer release, so its row leads…
    #expect(try Self.grid(page, member: 1) == [[3], [1]])
    // …until the member has ignored it five times.
    let ignored = Self.session(impressions: Array(repeating: (1, 3), count: 5))
    #expect(try Self.grid(page, member: 1, session: ignored) == [[1], [3]])
  }

  @Test func unknownMemberHasNoPage() throws {
    #expect(try Self.grid("row r\n  from popular()\n\npage p\n  rows r\n", member: 99) == [])
  }

  @Test func unknownFeatureFailsAtCheckTimeWithSuggestion() {
    let s = Self.session()
    let problem = s.check(SourceFile(name: "t.rec", text: "row r\n  from popular()\n\npage p\n  candidates r\n  utility relevence\n"))
    #expect(problem?.message == "unknown row feature 'relevence'; did you mean 'relevance'?")
  }

  @Test func unknownColumnInRowFailsAtCheckTime() {
    let s = Self.session()
    let problem = s.check(SourceFile(name: "t.rec", text: "row r\n  from titles where \"Drama\" in genress\n"))
    #expect(problem?.message == "unknown column 'genress' in 'titles'; did you mean 'genres'?")
  }
}
