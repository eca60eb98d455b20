import Foundation
import Testing

@testable import RecBench
@testable import RecKit
@testable import RecEngine
@testable import RecCore

/// The peer benchmark's EVAL job (`bench/README.md` §2) run as a user writes it — split, row,
/// page, eval — on a generated MovieLens-shaped fixture, against the job's definitions written
/// out literally with dictionaries, sets and sorts.
@Suite struct EvalFiguresTests {
  /// One rating: user, movie, Unix seconds.
  typealias Rating = (user: Int, movie: Int, at: Int)

  /// Users with 20 or more ratings each, movies with gapped ids drawn with a skew (so that many
  /// share a popularity count), and times from a few hours per user (so that many of a user's
  /// ratings share their second): both tie rules change the figures. Sorted by user, movie, as
  /// MovieLens files are.
  static func ratings(users: Int = 400, movies: Int = 600, seed: UInt64 = 11) -> [Rating] {
    var rng = SeededRandom(seed: seed)
    let ids = (0..<movies).map { 1 + 3 * $0 + $0 % 2 }
    var out: [Rating] = []
    for user in 1...users {
      let n = 20 + rng.below(1 + rng.below(90))
      var chosen = Set<Int>()
      while chosen.count < n {
        let u = rng.uniform()
        chosen.insert(ids[Int(u * u * Double(movies))])
      }
      let base = 1_000_000_000 + rng.below(100_000_000)
      for movie in chosen.sorted() { out.append((user, movie, base + rng.below(n / 4 + 1) * 3600)) }
    }
    return out
  }

  /// The job by its definitions: users, train rows, test rows, hits, recall, precision, ndcg.
  /// `tiesDescending` breaks equal times by movie id descending instead (the wrong rule).
  static func expected(_ ratings: [Rating], tiesDescending: Bool = false)
    -> (users: Int, train: Int, test: Int, hits: Int, recall: Double, precision: Double, ndcg: Double)
  {
    var byUser: [Int: [Rating]] = [:]
    for r in ratings { byUser[r.user, default: []].append(r) }
    var trainOf: [Int: Set<Int>] = [:]
    var testOf: [Int: Set<Int>] = [:]
    var counts: [Int: Int] = [:]
    for (user, rows) in byUser {
      let ordered = rows.sorted {
        $0.at != $1.at ? $0.at < $1.at : tiesDescending ? $0.movie > $1.movie : $0.movie < $1.movie
      }
      let nTest = max(1, ordered.count / 5)
      let train = ordered.dropLast(nTest)
      trainOf[user] = Set(train.map(\.movie))
      testOf[user] = Set(ordered.suffix(nTest).map(\.movie))
      for r in train { counts[r.movie, default: 0] += 1 }
    }
    let ranked = counts.keys.sorted { counts[$0]! != counts[$1]! ? counts[$0]! > counts[$1]! : $0 < $1 }
    var (hits, recall, precision, ndcg) = (0, 0.0, 0.0, 0.0)
    for user in byUser.keys.sorted() {
      let list = ranked.lazy.filter { !trainOf[user]!.contains($0) }.prefix(20)
      let test = testOf[user]!
      var (h, dcg) = (0, 0.0)
      for (p, movie) in list.enumerated() where test.contains(movie) {
        h += 1
        dcg += 1 / log2(Double(p + 2))
      }
      let ideal = (1...min(20, test.count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 1)) }
      hits += h
      recall += Double(h) / Double(test.count)
      precision += Double(h) / 20
      ndcg += dcg / ideal
    }
    let n = Double(byUser.count)
    let tests = testOf.values.reduce(0) { $0 + $1.count }
    return (byUser.count, ratings.count - tests, tests, hits, recall / n, precision / n, ndcg / n)
  }

  /// The figures the statements give on `ratings` as the `plays` table (rows in that order).
  static func figures(_ ratings: [Rating]) throws
    -> (users: Int, train: Int, test: Int, hits: Int, recall: Double, precision: Double, ndcg: Double)
  {
    let session = Session(options: SessionOptions()) { _, _ in }
    session.tables["plays"] = Table([
      ("member", Column(type: .int, ints: ratings.map(\.user))), ("title", Column(type: .int, ints: ratings.map(\.movie))),
      ("at", Column(type: .time, ints: ratings.map(\.at))),
      ("completion", Column(type: .float, storage: .float32([Float](repeating: 1, count: ratings.count)))),
    ])
    // The very statements `rec bench eval` times.
    if let problem = session.run(SourceFile(name: "eval.rec", text: EvalJob.statements)) { throw problem }
    let result = try #require(session.tables["_"])
    let users = try #require(result["members"]?.int(at: 0))
    let precision = try #require(result["precision@20"]?.double(at: 0))
    return (
      users, try #require(session.tables["train"]).count, try #require(session.tables["test"]).count,
      Int((precision * 20 * Double(users)).rounded()), try #require(result["recall@20"]?.double(at: 0)), precision,
      try #require(result["ndcg@20"]?.double(at: 0))
    )
  }

  static func expectSame(
    _ a: (users: Int, train: Int, test: Int, hits: Int, recall: Double, precision: Double, ndcg: Double),
    _ b: (users: Int, train: Int, test: Int, hits: Int, recall: Double, precision: Double, ndcg: Double)
  ) {
    #expect(a.users == b.users)
    #expect(a.train == b.train)
    #expect(a.test == b.test)
    #expect(a.hits == b.hits)
    #expect(abs(a.recall - b.recall) < 1e-12)
    #expect(abs(a.precision - b.precision) < 1e-12)
    #expect(abs(a.ndcg - b.ndcg) < 1e-12)
  }

  @Test func theFixtureTellsTheTieRulesApart() {
    let r = Self.ratings()
    #expect(Self.expected(r).hits != Self.expected(r, tiesDescending: true).hits)
  }

  @Test func statementsGiveTheJobsFiguresOnSortedRatings() throws {
    let r = Self.ratings()
    let figures = try Self.figures(r)
    Self.expectSame(figures, Self.expected(r))
    #expect(figures.users == 400)
  }

  @Test func rowOrderDoesNotChangeTheFigures() throws {
    // Shuffled: members no longer come in runs, test rows not sorted by member and title.
    var rng = SeededRandom(seed: 3)
    var r = Self.ratings()
    for i in stride(from: r.count - 1, to: 0, by: -1) { r.swapAt(i, rng.below(i + 1)) }
    let sorted = try Self.figures(Self.ratings())
    let shuffled = try Self.figures(r)
    Self.expectSame(shuffled, Self.expected(r))
    // Averaged over the same members in the same order: the very same numbers.
    #expect(shuffled.recall == sorted.recall)
    #expect(shuffled.ndcg == sorted.ndcg)
  }
}
