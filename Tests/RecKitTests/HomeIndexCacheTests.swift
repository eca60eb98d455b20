import Testing

@testable import RecKit
@testable import RecCore

/// The session keeps the home indexes between statements: pages come out as from a fresh
/// session, the indexes are built once while the data stays, and again once it changes.
@Suite struct HomeIndexCacheTests {
  static let definitions = """
    row because "Because you watched {seed.name}"
      for seed in recent_plays(limit: 2)
      from similar(seed, by: covisit)
      exclude watched

    row picks "Top picks"
      from titles
      order by affinity(member, title) desc

    page p "Home"
      rows because, picks
      size 3 x 3
    """

  /// A session over the hand-made world of `HomePageTests` with the page `p`, keeping what
  /// each statement writes to the results stream.
  final class Recorder: @unchecked Sendable {
    private var text = ""
    private(set) var session = Session(options: SessionOptions()) { _, _ in }

    init() {
      session = Session(options: SessionOptions(format: .csv)) { [unowned self] text, stream in
        if stream == .results { self.text += text }
      }
      session.tables = HomePageTests.session().tables
      _ = run(HomeIndexCacheTests.definitions)
    }

    /// What `statement` writes to the results stream, without the blank line that sets a CSV
    /// table apart from the results before it.
    func run(_ statement: String) -> String {
      text = ""
      if let problem = session.run(SourceFile(name: "t.rec", text: statement)) { Issue.record("\(statement): \(problem)") }
      return text.hasPrefix("\n") ? String(text.dropFirst()) : text
    }
  }

  static let statements = [
    "show page p for member 1", "show page p for member 2", "show row picks for member 3",
    "explain page p for member 1", "show page p for member 3",
  ]

  @Test func repeatedStatementsBuildTheIndexesOnceAndShowWhatAFreshSessionShows() {
    let kept = Recorder()
    for statement in Self.statements {
      let fresh = Recorder()
      #expect(kept.run(statement) == fresh.run(statement), "\(statement)")
      #expect(fresh.session.homeIndexes.builds == 1)
    }
    #expect(kept.session.homeIndexes.builds == 1)
    // A query result is a new table, but not one the indexes read.
    _ = kept.run("from plays | take 1")
    _ = kept.run("show page p for member 1")
    #expect(kept.session.homeIndexes.builds == 1)
  }

  @Test func changedPlaysOrSeedBuildAgain() {
    let s = Recorder()
    let before = s.run("show page p for member 1")
    // D's only neighbours are watched, so its row is empty and dropped.
    #expect(before == "row,row_title,col,title,name\n1,Because you watched B,1,3,C\n1,Because you watched B,2,5,E\n2,Top picks,1,1,A\n2,Top picks,2,2,B\n2,Top picks,3,3,C\n")
    // Member 1 no longer played title 2 (B): their second most recent title is A.
    s.session.tables["plays"] = s.session.tables["plays"]!.gather([0, 2, 3, 4, 5, 6, 7, 8])
    let after = s.run("show page p for member 1")
    #expect(s.session.homeIndexes.builds == 2)
    #expect(after != before)
    #expect(after.hasPrefix("row,row_title,col,title,name\n1,Because you watched A,1,2,B\n1,Because you watched A,2,3,C\n"))
    _ = s.run("set seed 7")
    _ = s.run("show page p for member 1")
    #expect(s.session.homeIndexes.builds == 3)
    _ = s.run("show page p for member 2")
    #expect(s.session.homeIndexes.builds == 3)
  }
}
