import Testing

@testable import RecEngine

/// Ranking a search's candidates: the `popular` ranker, ties by title id, the judged searches of
/// an eval and their per-search metrics, and the demo's true weights.
@Suite struct SearchRankingTests {
  static let day = 86_400
  static let titles = Table([
    ("id", Column(type: .int, ints: [10, 20, 30, 40])),
    ("name", Column(type: .string, values: ["The Kitchen", "The Kid", "The Key", "Kind Wolf"].map(Value.string))),
    ("released", Column(type: .date, ints: [0, 0, 0, 50])),
  ])
  // Title 20 twice, 30 twice, 10 once, all before day 10; title 10 again on day 20.
  static let plays = Table([
    ("member", Column(type: .int, ints: [1, 1, 2, 2, 3, 3])),
    ("title", Column(type: .int, ints: [20, 30, 20, 30, 10, 10])),
    ("at", Column(type: .time, ints: [day, day, 2 * day, 2 * day, 3 * day, 20 * day])),
  ])

  func results(_ query: String, at: Int = 10 * day) throws -> SearchResults {
    var candidates = try #require(SearchCandidates(titles: Self.titles))
    let history = SearchHistory(
      plays: Self.plays, searches: Table(), now: at, popularity: candidates.popularity(plays: Self.plays, before: at))
    return SearchResults.rank(
      SearchRequest(member: 1, query: query, at: at), ranker: PopularRanker(), candidates: &candidates, history: history)
  }

  @Test func popularRanksByPlaysBeforeNowTiesBySmallerID() throws {
    let r = try results("the k")
    #expect(r.titles == [20, 30, 10])
    #expect(r.scores[0] == r.scores[1] && r.scores[1] > r.scores[2])
    #expect(r.rank(of: 10) == 3)
    #expect(r.rank(of: 40) == nil)
    // On day 30 title 10 has two plays too, and the smallest id of the three.
    #expect(try results("the k", at: 30 * Self.day).titles == [10, 20, 30])
  }

  /// `eval` counts the candidates ahead of the click instead of sorting them: the same rank as
  /// the sorted list's, ties by title id included.
  @Test func rankOfOneTitleEqualsItsPlaceInTheSortedList() throws {
    for at in [10 * Self.day, 30 * Self.day] {
      let sorted = try results("the k", at: at)
      var candidates = try #require(SearchCandidates(titles: Self.titles))
      let history = SearchHistory(
        plays: Self.plays, searches: Table(), now: at, popularity: candidates.popularity(plays: Self.plays, before: at))
      for title in [10, 20, 30, 40] {
        let request = SearchRequest(member: 1, query: "the k", at: at)
        let retrieved = SearchResults.retrieve(request, for: PopularRanker(), from: &candidates, history: history)
        let scores = PopularRanker().scores(for: request, candidates: retrieved, history: history)
        let rank = SearchResults.rank(of: title, in: retrieved, scores: scores)
        #expect(rank == sorted.rank(of: title), "title \(title) at day \(at / Self.day)")
      }
    }
  }

  @Test func nothingReleasedAfterNowIsRanked() throws {
    #expect(try results("kind", at: 49 * Self.day).titles == [])
    #expect(try results("kind", at: 50 * Self.day).titles == [40])
  }

  @Test func judgedSearchesAreThoseWithAClick() {
    let searches = Table([
      ("member", Column(type: .int, ints: [1, 2, 3])),
      ("query", Column(type: .string, values: ["the k", "kind", "the"].map(Value.string))),
      ("at", Column(type: .time, ints: [5, 6, 7])),
      ("clicked", Column(type: .int, ints: [20, Int.min, 10])),
    ])
    let judged = SearchJudgement(searches: searches)
    #expect(judged.rows == [0, 2])
    #expect(judged.clicked == [20, 10])
    #expect(judged.requests.map(\.query) == ["the k", "the"])
  }

  @Test func perSearchMetricsFromTheClickedTitlesRank() {
    let ranks: [Int?] = [1, 3, 11, nil]
    #expect(SearchJudgement.scores(Metric(kind: .mrr, k: 10), ranks: ranks) == [1, 1.0 / 3, 0, 0])
    #expect(SearchJudgement.scores(Metric(kind: .ndcg, k: 10), ranks: ranks) == [1, 1 / Double.log2(4), 0, 0])
    #expect(SearchJudgement.scores(Metric(kind: .recall, k: 3), ranks: ranks) == [1, 1, 0, 0])
    #expect(SearchJudgement.scores(Metric(kind: .hit, k: 1), ranks: ranks) == [1, 0, 0, 0])
    #expect(SearchJudgement.judges(Metric(kind: .mrr, k: 10)))
    #expect(!SearchJudgement.judges(Metric(kind: .coverage)))
    #expect(!SearchJudgement.judges(Metric(kind: .recall, grid: .init(rows: 4, columns: 5))))
    #expect(!SearchJudgement.judges(Metric(kind: .recall, k: 10, variant: .lenskit)))
  }

  @Test func theDemoTruthWeighsReleasedTitlesOfKnownMembers() {
    let world = DemoWorld.generate(members: 20, titles: 50, seed: 1)
    let late = DemoWorld.firstDay + DemoWorld.dayCount
    let weights = (1...50).map { world.searchWeight(member: 3, title: $0, at: late * 86_400) }
    #expect(weights.allSatisfy { $0 > 0 })
    #expect(world.searchWeight(member: 0, title: 1, at: late * 86_400) == 0)
    #expect(world.searchWeight(member: 3, title: 51, at: late * 86_400) == 0)
    #expect(world.searchWeight(member: 3, title: 1, at: Int.min) == 0)
  }
}
