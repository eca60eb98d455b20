import Testing

@testable import RecEngine

/// The candidate sources of search over a five-title catalog: prefix within one edit, genre, cast
/// and directors names, the release cut and the popularity limit.
@Suite struct SearchCandidatesTests {
  static let day = 86_400
  static let titles = Table([
    ("id", Column(type: .int, ints: [10, 20, 30, 40, 50, 20])),
    (
      "name",
      Column(
        type: .string,
        values: ["The Kitchen", "The Kid", "Invisible Line", "Kind Wolf", "The Key", "Repeated Id"].map(Value.string))
    ),
    (
      "genres",
      Column(
        type: .list,
        values: [.list(["Comedy"]), .list(["Comedy", "Drama"]), .list(["Sci-Fi"]), .list([]), .list(["Comedy"]), .list(["Comedy"])])
    ),
    ("cast", Column(type: .list, values: [.list(["Ana Ruiz"]), .list([]), .list(["Ana Ruiz"]), .list([]), .list([]), .list([])])),
    ("directors", Column(type: .list, values: [.list([]), .list([]), .list([]), .list(["Kim Lee"]), .list([]), .list([])])),
    // Title 50 comes out on day 100; the others are known from day 0 or have no date.
    ("released", Column(type: .date, ints: [0, 0, Int.min, 0, 100, 0])),
  ])

  func retrieve(
    _ query: String, at: Int = 200 * day, sources: [SearchCandidates.Source] = SearchCandidates.Source.all,
    popularity: [Int] = [], limit: Int? = nil
  ) throws -> SearchCandidates.Retrieved {
    var candidates = try #require(SearchCandidates(titles: Self.titles))
    return candidates.retrieve(query, at: at, popularity: popularity, sources: sources, limit: limit)
  }

  @Test func prefixWithinOneEdit() throws {
    #expect(try retrieve("the k").titles == [10, 20, 50])
    #expect(try retrieve("teh k").titles == [10, 20, 50])
    #expect(try retrieve("the kit").titles == [10, 20])  // "the kid": one replacement
    #expect(try retrieve("invsi").titles == [30])
    #expect(try retrieve("zzzz").titles == [])
    #expect(try retrieve("teh k", sources: [.prefix(typos: 0)]).titles == [])
    #expect(try retrieve("the k").sources == [.prefix(typos: 1)])
  }

  @Test func namedSourcesMatchWholeNamesTrimmedAndLowercased() throws {
    let comedy = try retrieve(" Comedy ")
    #expect(comedy.titles == [10, 20, 50])
    #expect(comedy.rows == [0, 1, 4])
    #expect(comedy.sources == [.genre])
    #expect(try retrieve("ana ruiz").titles == [10, 30])
    #expect(try retrieve("kim lee").titles == [40])
    #expect(try retrieve("kim lee", sources: [.genre, .cast]).titles == [])
  }

  @Test func titlesReleasedAfterNowAreNoCandidates() throws {
    #expect(try retrieve("the k", at: 100 * Self.day - 1).titles == [10, 20])
    #expect(try retrieve("the k", at: 100 * Self.day).titles == [10, 20, 50])
    // An unknown release never excludes.
    #expect(try retrieve("invis", at: -Self.day).titles == [30])
  }

  @Test func limitKeepsTheMostPopularTiesBySmallerID() throws {
    let plays = Table([("title", Column(type: .int, ints: [50, 50, 20, 10, 10, 99]))])
    let candidates = try #require(SearchCandidates(titles: Self.titles))
    let popularity = candidates.popularity(plays: plays)
    #expect(popularity == [2, 1, 0, 0, 2, 0])
    #expect(try retrieve("the k", popularity: popularity, limit: 2).titles == [10, 50])
    #expect(try retrieve("the k", popularity: popularity, limit: 1).titles == [10])
    #expect(try retrieve("the k", popularity: popularity, limit: 0).titles == [])
    #expect(try retrieve("the k", popularity: popularity, limit: -3).titles == [])
  }

  @Test func sourcesListThoseThatReachedAKeptCandidate() throws {
    // "comedy" is a genre and no name starts with it; "kind wolf" is reached by prefix only.
    #expect(try retrieve("comedy").sources == [.genre])
    #expect(try retrieve("kind").sources == [.prefix(typos: 1)])
    #expect(SearchCandidates.Source.prefix(typos: 1).description == "prefix")
  }
}

extension SearchCandidatesTests {
  @Test func aQueryLongerThanAnyNameReachesNothingQuickly() throws {
    #expect(try retrieve(String(repeating: "the kitchen ", count: 5_000)).titles == [])
    #expect(try retrieve("the kitchenx").titles == [10])  // one character added
  }
}
