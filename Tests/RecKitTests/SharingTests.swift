import Foundation
import Testing

@testable import RecKit
@testable import RecCore
@testable import RecEngine

/// `import`, `export page` and `.save`, through sessions over files in a temporary folder.
@Suite struct SharingTests {
  /// What `export page home_ranked` writes, dependencies first.
  static let rows = """
    row continue "Continue watching"
      from continue_watching(min: 5%, max: 90%)

    row top10 "Top 10 in {member.country} this week"  # by country
      from popular(window: 7d, by: member.country)
      limit 10

    row because "Because you watched {seed.name}"
      for seed in recent_plays(limit: 3)
      from similar(seed, by: covisit)
      exclude watched
      limit 20

    diversity balanced
      unique titles
      max 2 rows per genre
      min row length 5
    """
  static let page = """
    page home_ranked "Row-ranked home"
      candidates continue, top10, because
      utility 0.7 * relevance + 0.2 * freshness + 0.1 * popularity
      diversity balanced
      size 4 x 6
    """
  /// The definitions with a metric between them that the page does not need.
  static let definitions = rows + "\n\nmetric play_rate = sum(played) / count() on impressions\n\n" + page

  private func run(_ s: CapturedSession, _ name: String, in folder: TemporaryFolder) -> String? {
    let path = folder.path + "/" + name
    let file = SourceFile(name: path, text: folder.read(name))
    return s.session.run(file).map { DiagnosticRenderer().render($0) }
  }

  @Test func importReadsPathsFromTheImportingFilesFolder() {
    let folder = TemporaryFolder()
    try? FileManager.default.createDirectory(atPath: folder.path + "/lib", withIntermediateDirectories: true)
    folder.write("lib/rows.rec", "row top10 \"Top 10\"\n  from popular()\n  limit 10\n\nimport \"pages.rec\"\n")
    folder.write("lib/pages.rec", "page home\n  rows top10\n")
    folder.write("main.rec", "import \"lib/rows.rec\"\nimport \"lib/rows.rec\"\n")
    let s = CapturedSession(directory: folder.path)
    #expect(run(s, "main.rec", in: folder) == nil)
    #expect(Array(s.session.definitions.keys) == ["top10", "home"])
    #expect(s.session.definitions["home"]?.statement.range.file.name == folder.path + "/lib/pages.rec")
    let line = "imported 2 definitions from 'lib/rows.rec'\n"
    #expect(s.status == line + line)
  }

  @Test func importsStayInTheSessionsFolder() throws {
    let outer = TemporaryFolder()
    try FileManager.default.createDirectory(atPath: outer.path + "/project/lib", withIntermediateDirectories: true)
    outer.write("outside.rec", "row a\n  from popular()\n")
    outer.write("project/lib/notes.txt", "row b\n  from popular()\n")
    let project = outer.path + "/project"
    let s = CapturedSession(directory: project)
    func error(_ text: String) -> String? {
      s.session.run(SourceFile(name: "<stdin>", text: text)).map(\.message)
    }
    #expect(error(#"import "../outside.rec""#)?.hasPrefix("'../outside.rec' is outside the folder") == true)
    let absolute = outer.path + "/outside.rec"
    #expect(error("import \"\(absolute)\"")?.hasPrefix("'\(absolute)' is outside the folder") == true)
    #expect(error(#"import "/etc/passwd""#)?.hasPrefix("'/etc/passwd' is outside the folder") == true)
    #expect(error(#"import "lib/notes.txt""#) == "'lib/notes.txt' is not a .rec file; only rec scripts can be imported")
    // A folder on the import path is allowed.
    let allowed = CapturedSession(directory: project)
    allowed.session.options.importPath = [outer.path]
    #expect(allowed.session.run(SourceFile(name: "<stdin>", text: #"import "../outside.rec""#)) == nil)
    #expect(Array(allowed.session.definitions.keys) == ["a"])
  }

  @Test func anImportMayNotReplaceADefinitionUnlessItSaysSo() throws {
    let folder = TemporaryFolder()
    folder.write("lib.rec", "row top\n  from popular()\n  limit 5\n")
    let s = CapturedSession(directory: folder.path)
    #expect(s.session.run(SourceFile(name: "main.rec", text: "row top\n  from trending()\n")) == nil)
    let refused = s.session.run(SourceFile(name: "main.rec", text: #"import "lib.rec""#))
    #expect(
      refused?.message
        == "this import would replace the row 'top' defined elsewhere; add 'replacing' after the file name to replace it")
    #expect(refused?.range?.file.name == folder.path + "/lib.rec")
    #expect(refused?.notes.map(\.message) == ["'top' is defined here", "imported here"])
    #expect(s.session.run(SourceFile(name: "main.rec", text: #"import "lib.rec" replacing"#)) == nil)
    #expect(s.session.definitions["top"]?.statement.range.file.name == folder.path + "/lib.rec")
    // Read again, a file's definitions replace its own.
    #expect(s.session.run(SourceFile(name: "main.rec", text: #"import "lib.rec""#)) == nil)
  }

  @Test func aDataStatementInAnImportedFileIsAnErrorThere() {
    let folder = TemporaryFolder()
    folder.write("shared.rec", "row top10\n  from popular()\n\nload demo members 10\n")
    folder.write("main.rec", "# take the rows\nimport \"shared.rec\"\n")
    let s = CapturedSession(directory: folder.path)
    #expect(
      run(s, "main.rec", in: folder) == """
        \(folder.path)/shared.rec:4:1: error: unexpected 'load demo' in an imported file; it may hold only definitions and 'import'
          |
        4 | load demo members 10
          | ^~~~~~~~~~~~~~~~~~~~
        \(folder.path)/main.rec:2:1: note: imported here
          |
        2 | import "shared.rec"
          | ^~~~~~~~~~~~~~~~~~~

        """)
    #expect(s.session.definitions.isEmpty)
  }

  @Test func anImportCycleIsReportedAtTheImportThatClosesIt() {
    let folder = TemporaryFolder()
    folder.write("a.rec", "import \"b.rec\"\n")
    folder.write("b.rec", "row r\n  from popular()\nimport \"a.rec\"\n")
    let s = CapturedSession(directory: folder.path)
    let a = folder.path + "/a.rec"
    let b = folder.path + "/b.rec"
    #expect(
      run(s, "a.rec", in: folder) == """
        \(b):3:1: error: import cycle: \(a) → \(b) → \(a)
          |
        3 | import "a.rec"
          | ^~~~~~~~~~~~~~
        \(a):1:1: note: imported here
          |
        1 | import "b.rec"
          | ^~~~~~~~~~~~~~

        """)
  }

  @Test func checkLearnsTheImportedNames() {
    let folder = TemporaryFolder()
    folder.write("rows.rec", "row top10\n  from popular()\n")
    let s = CapturedSession(directory: folder.path)
    let good = SourceFile(name: "<stdin>", text: "import \"rows.rec\"\npage p\n  rows top10\n")
    #expect(s.session.check(good) == nil)
    let bad = SourceFile(name: "<stdin>", text: "import \"rows.rec\"\npage p\n  rows top1\n")
    #expect(s.session.check(bad)?.message == "unknown row 'top1'; did you mean 'top10'?")
    let missing = SourceFile(name: "<stdin>", text: "import \"row.rec\"\n")
    #expect(s.session.check(missing)?.message == "no such file 'row.rec': it does not exist")
    #expect(s.session.definitions.isEmpty)
  }

  @Test func exportWritesThePageAndWhatItNeedsInDependencyOrder() {
    let folder = TemporaryFolder()
    let s = CapturedSession(directory: folder.path)
    // The metric reads `impressions`; the page does not need it, so it is not exported.
    s.session.tables["impressions"] = Table([("played", Column(type: .int, ints: [1]))])
    let script = Self.definitions + "\n\nexport page home_ranked to \"home.rec\"\n"
    #expect(s.session.run(SourceFile(name: "defs.rec", text: script)) == nil)
    #expect(
      folder.read("home.rec") == "# exported from rec: page home_ranked\n\n" + Self.rows + "\n\n" + Self.page + "\n")
    #expect(folder.files() == ["home.rec"])
    #expect(s.status == "exported page 'home_ranked' and 4 definitions it needs to 'home.rec'\n")
    let typo = SourceFile(name: "<stdin>", text: "export page home_rankd to \"x.rec\"\n")
    #expect(s.session.run(typo)?.message == "unknown page 'home_rankd'; did you mean 'home_ranked'?")
  }

  @Test func exportThenImportShowsTheSamePage() {
    let folder = TemporaryFolder()
    let load = "load demo members 300 titles 120 seed 7\n"
    let show = "show page home_ranked for member 42\n"
    let first = CapturedSession(directory: folder.path)
    let script = load + Self.definitions + "\n\n" + show + "export page home_ranked to \"home.rec\"\n"
    #expect(first.session.run(SourceFile(name: "defs.rec", text: script)) == nil)
    let fresh = CapturedSession(directory: folder.path)
    #expect(fresh.session.run(SourceFile(name: "use.rec", text: load + "import \"home.rec\"\n" + show)) == nil)
    #expect(fresh.results.contains("Top 10 in"))
    #expect(fresh.results == first.results)
    #expect(Array(fresh.session.definitions.keys) == ["continue", "top10", "because", "balanced", "home_ranked"])
  }

  @Test func saveWritesTheDefinitionsFormatted() {
    let folder = TemporaryFolder()
    let s = CapturedSession(directory: folder.path)
    let messy = "row  top   \"Top\"\n     limit 5\n     from popular(window:7d)\npolicy  g =  greedy  context country\n"
    #expect(s.session.run(SourceFile(name: "<stdin>", text: messy)) == nil)
    #expect(s.run(".save defs.rec") == nil)
    #expect(
      folder.read("defs.rec")
        == "row top \"Top\"\n  from popular(window: 7d)\n  limit 5\n\npolicy g = greedy context country\n")
  }
}
