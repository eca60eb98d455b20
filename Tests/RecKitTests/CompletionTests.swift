import Foundation
import Testing

@testable import RecKit

@Suite struct CompletionTests {
  /// A session with `plays` and `members`, the definitions `top` and `home_rules`, reading files from `directory`.
  private func session(directory: String = ".") -> Session {
    let s = CapturedSession(directory: directory)
    s.addTables()
    s.addDefinitions()
    return s.session
  }

  private func complete(_ line: String, in s: Session, at cursor: Int? = nil) -> [String] {
    s.completions(line: line, cursor: cursor ?? line.utf8.count)
  }

  @Test func dotCommandsAtTheStartOfALine() {
    let s = session()
    #expect(complete(".ta", in: s) == [".tables"])
    #expect(complete("  .s", in: s) == [".save", ".save!", ".schema", ".show"])
    #expect(complete(".", in: s).count == DotCommand.all.count)
  }

  @Test func dotCommandArgumentsFollowTheTable() {
    let s = session()
    #expect(complete(".schema pl", in: s) == ["plays"])
    #expect(complete(".schema ", in: s) == ["members", "plays"])
    #expect(complete(".show h", in: s) == ["home_rules"])
    #expect(complete(".mode c", in: s) == ["csv"])
    #expect(complete(".timer o", in: s) == ["off", "on"])
    #expect(complete(".help sp", in: s) == ["split"])
    #expect(complete(".tables x", in: s) == [])
    #expect(complete(".schema plays ti", in: s) == [])
  }

  @Test func keywordsTablesAndDefinitions() {
    let s = session()
    #expect(complete("se", in: s) == ["search", "seed", "select", "set"])
    #expect(complete("from pl", in: s) == ["plays"])
    #expect(complete("show page ho", in: s) == ["home_rules"])
    #expect(complete("explain page home_rules for mem", in: s) == ["member", "members"])
  }

  @Test func columnsOfTheTablesTheLineNames() {
    let s = session()
    #expect(complete("from plays | where comp", in: s) == ["completion"])
    #expect(complete("from plays | group by ti", in: s) == ["title", "titles"])
    // `co` is not a column until the line names a table that has one.
    #expect(!complete("co", in: s).contains("country"))
    #expect(
      complete("from members | select co", in: s) == [
        "coalesce", "context", "continue_watching", "count", "count_distinct", "country", "coverage",
      ])
  }

  @Test func dottedNamesCompleteToColumnsAlongKeys() {
    let s = session()
    #expect(complete("from plays | group by member.cou", in: s) == ["member.country"])
    #expect(complete("from plays | select plays.", in: s) == ["plays.completion", "plays.member", "plays.title"])
    #expect(complete("x.", in: s) == [])
  }

  @Test func theCursorNeedNotBeAtTheEnd() {
    let s = session()
    #expect(complete("from pl | take 3", in: s, at: 7) == ["plays"])
  }

  @Test func fileNamesInsideStrings() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-complete-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder + "/data/ml-small", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for file in ["data.csv", ".hidden", "data/ml-small/ratings.csv", "data/plays.tsv"] {
      _ = FileManager.default.createFile(atPath: folder + "/" + file, contents: Data())
    }
    let s = session(directory: folder)
    #expect(complete("load table plays from \"da", in: s) == ["data.csv", "data/"])
    #expect(complete("load movielens \"data/", in: s) == ["data/ml-small/", "data/plays.tsv"])
    #expect(complete("load movielens \"data/ml-small/r", in: s) == ["data/ml-small/ratings.csv"])
    #expect(complete("import \"", in: s) == ["data.csv", "data/"])
    #expect(complete("import \".h", in: s) == [".hidden"])
    #expect(complete(".read da", in: s) == ["data.csv", "data/"])
    // A closed string puts the cursor back among keywords.
    #expect(complete("load table t from \"data.csv\" a", in: s) == ["abs", "abtest", "affinity", "and", "as", "asc", "at", "avg"])
  }
}
