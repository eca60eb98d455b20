import Foundation
import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecCore

/// A session whose two output streams are collected as text.
final class CapturedSession {
  var results = ""
  var status = ""
  private(set) var session: Session!

  init(directory: String = ".") {
    session = Session(options: SessionOptions(directory: directory)) { [unowned self] text, stream in
      switch stream {
      case .results: self.results += text
      case .status: self.status += text
      }
    }
  }

  /// Adds `plays(member, title, completion)` with two rows and `members(id, country)` with one.
  func addTables() {
    session.tables["plays"] = Table([
      ("member", Column(type: .int, ints: [1, 2])),
      ("title", Column(type: .int, ints: [10, 11])),
      ("completion", Column(type: .float, values: [.float(0.5), .float(1)])),
    ])
    session.tables["members"] = Table([
      ("id", Column(type: .int, ints: [1])),
      ("country", Column(type: .string, values: [.string("NL")])),
    ])
  }

  /// Adds a row definition `top` and a page `home_rules`, each parsed from its own source text.
  func addDefinitions() {
    for (name, text) in [("top", "row top \"Top 10\"\n  from popular()\n  limit 10"), ("home_rules", "page home_rules\n  rows top")] {
      #expect(session.run(SourceFile(name: "defs.rec", text: text)) == nil, "\(name)")
    }
  }

  /// Runs `line`; returns the diagnostic's message when it failed, "quit" for `.quit`, nil when ok.
  func run(_ line: String) -> String? {
    switch session.runDotCommand(line) {
    case .ok: nil
    case .quit: "quit"
    case .failed(let diagnostic): diagnostic.message
    }
  }
}

@Suite struct DotCommandTests {
  @Test func tablesListsNameRowsAndColumns() {
    let s = CapturedSession()
    s.addTables()
    #expect(s.run(".tables") == nil)
    #expect(
      s.results == """
        name     rows  columns
        plays       2        3
        members     1        2

        """)
  }

  @Test func tablesWithNoneSaysSoOnStatus() {
    let s = CapturedSession()
    #expect(s.run(".tables") == nil)
    #expect(s.results == "")
    #expect(s.status == "no tables\n")
  }

  @Test func schemaListsColumnsAndTypes() {
    let s = CapturedSession()
    s.addTables()
    #expect(s.run(".schema plays") == nil)
    #expect(
      s.results == """
        column      type
        member      int
        title       int
        completion  float

        """)
  }

  @Test func schemaNamesTheSplitATableBelongsTo() throws {
    let s = CapturedSession()
    let plays = try #require(ParserTests.contractFolder()).appendingPathComponent("tiny/plays.csv").path
    let script = "load table plays from \"\(plays)\"\nsplit plays by time at 2026-06-01 into train, test\n"
    #expect(s.session.run(SourceFile(name: "s.rec", text: script)) == nil)
    s.status = ""
    #expect(s.run(".schema test") == nil)
    #expect(s.status == "test is the test side of a split of 'plays' (cut at 2026-06-01T00:00); the other side is 'train'\n")
    s.status = ""
    #expect(s.run(".schema plays") == nil)
    #expect(s.status == "")
  }

  @Test func schemaOfUnknownTableSuggestsAndPointsAtTheName() {
    let s = CapturedSession()
    s.addTables()
    guard case .failed(let diagnostic) = s.session.runDotCommand(".schema plyas") else {
      Issue.record("expected a failure")
      return
    }
    #expect(
      DiagnosticRenderer().render(diagnostic) == """
        <stdin>:1:9: error: unknown table 'plyas'; did you mean 'plays'?
          |
        1 | .schema plyas
          |         ^~~~~

        """)
  }

  @Test func unknownCommandSuggestsTheNearestFromTheTable() {
    let s = CapturedSession()
    #expect(s.run(".tabels") == "unknown command '.tabels'; did you mean '.tables'?")
    #expect(s.run(".frobnicate") == "unknown command '.frobnicate'")
  }

  @Test func badArgumentsGiveTheUsageLine() {
    let s = CapturedSession()
    #expect(s.run(".schema") == "usage: '.schema TABLE'")
    #expect(s.run(".mode boxy") == "usage: '.mode box|markdown|csv|json|line'")
    #expect(s.run(".timer maybe") == "usage: '.timer on|off'")
    #expect(s.run(".quit now") == "usage: '.quit'")
  }

  @Test func modeAndTimerChangeTheSessionOptions() {
    let s = CapturedSession()
    #expect(s.run(".mode csv") == nil)
    #expect(s.session.options.format == .csv)
    #expect(s.run(".mode") == nil)
    #expect(s.results == "current mode: csv\n")
    #expect(s.run(".timer on") == nil)
    #expect(s.session.options.timer)
    #expect(s.run("  .timer off  ") == nil)
    #expect(!s.session.options.timer)
  }

  @Test func defsAndShowUseTheDefinitionsSource() {
    let s = CapturedSession()
    s.addDefinitions()
    #expect(s.run(".defs") == nil)
    #expect(
      s.results == """
        kind  name        file      line
        row   top         defs.rec     1
        page  home_rules  defs.rec     1

        """)
    s.results = ""
    #expect(s.run(".show top") == nil)
    #expect(s.results == "row top \"Top 10\"\n  from popular()\n  limit 10\n")
    #expect(s.run(".show tpo") == "unknown definition 'tpo'; did you mean 'top'?")
  }

  @Test func saveWritesEveryDefinitionAtomically() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-save-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let s = CapturedSession(directory: folder)
    s.addDefinitions()
    #expect(s.run(".save home.rec") == nil)
    let saved = try String(contentsOfFile: folder + "/home.rec", encoding: .utf8)
    #expect(saved == "row top \"Top 10\"\n  from popular()\n  limit 10\n\npage home_rules\n  rows top\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["home.rec"])
    #expect(s.status == "saved 2 definitions to 'home.rec'\n")
    #expect(s.run(".save no/such/folder/x.rec") == "cannot write 'no/such/folder/x.rec': the folder does not exist")
  }

  /// `.save` replaces a file of definitions (its own, or a teammate's template) but not a
  /// script or a file that is not rec's, unless told `.save!`.
  @Test func saveKeepsAFileHoldingMoreThanDefinitionsUnlessTold() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-save-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let script = "# the analysis\nrow top \"Top 10\"\n  from popular()\n  limit 10\n\nload demo\n"
    try script.write(toFile: folder + "/analysis.rec", atomically: true, encoding: .utf8)
    try "precious\n".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
    let s = CapturedSession(directory: folder)
    s.addDefinitions()
    #expect(
      s.run(".save analysis.rec")
        == "'analysis.rec' holds more than definitions (line 6: load demo); it was left as it was ('.save! analysis.rec' replaces it)")
    #expect(
      s.run(".save notes.txt")
        == "'notes.txt' holds more than definitions (line 1: precious); it was left as it was ('.save! notes.txt' replaces it)")
    #expect(try String(contentsOfFile: folder + "/analysis.rec", encoding: .utf8) == script)
    #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "precious\n")
    #expect(s.run(".save home.rec") == nil)
    #expect(s.run(".save home.rec") == nil)
    #expect(s.run(".save! notes.txt") == nil)
    #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8).hasPrefix("row top"))
  }

  /// With no definitions there is nothing to write: an existing file is not emptied.
  @Test func saveWithNoDefinitionsLeavesAnExistingFileAsItWas() {
    let folder = TemporaryFolder()
    folder.write("defs.rec", "row top \"Top 10\"\n  from popular()\n")
    let s = CapturedSession(directory: folder.path)
    #expect(s.run(".save defs.rec") == "no definitions to save; 'defs.rec' was left as it was")
    #expect(s.run(".save! defs.rec") == "no definitions to save; 'defs.rec' was left as it was")
    #expect(folder.read("defs.rec") == "row top \"Top 10\"\n  from popular()\n")
    #expect(folder.files() == ["defs.rec"])
  }

  @Test func readOfAMissingFileNamesItAndKeepsTheFolder() {
    let s = CapturedSession(directory: "/tmp")
    guard case .failed(let diagnostic) = s.session.runDotCommand(".read \"no such.rec\"") else {
      Issue.record("expected a failure")
      return
    }
    #expect(diagnostic.message == "no such file 'no such.rec': it does not exist")
    #expect(diagnostic.range?.bytes == 6..<19)
    #expect(s.session.options.directory == "/tmp")
  }

  @Test func historyAsksTheFrontEnd() {
    let s = CapturedSession()
    #expect(s.run(".history") == "'.history' is available only at the interactive prompt")
    s.session.historyProvider = { (1...10).map { "line \($0)" } }
    #expect(s.run(".history") == nil)
    #expect(s.results.hasPrefix(" 1  line 1\n 2  line 2\n"))
    #expect(s.results.hasSuffix(" 9  line 9\n10  line 10\n"))
  }

  @Test func helpComesFromTheTables() {
    let s = CapturedSession()
    #expect(s.run(".help") == nil)
    for command in DotCommand.all {
      #expect(s.results.contains("\n" + command.usage + " "), "\(command.name) missing from .help")
    }
    s.results = ""
    #expect(s.run(".help split") == nil)
    #expect(
      s.results == """
        split T by time at DATE into A, B
        split T by member last 20%|N into A, B
        split T random 20% [seed S] into A, B

        split a table into a train and a test table

        """)
    s.results = ""
    #expect(s.run(".help .schema") == nil)
    #expect(s.results == ".schema TABLE\n\nshow a table's columns and their types\n")
    #expect(s.run(".help pgae") == "unknown help topic 'pgae'; did you mean 'page'?")
  }

  @Test func quitAndBlankLines() {
    let s = CapturedSession()
    #expect(s.run(".quit") == "quit")
    #expect(s.run("   ") == nil)
    #expect(Session.isDotCommand("  .tables"))
    #expect(!Session.isDotCommand("from plays"))
  }

  @Test func commandNamesAreUniqueDottedWords() {
    let names = DotCommand.all.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy { $0.hasPrefix(".") && !$0.contains(" ") })
  }
}
