import Foundation
import Testing

/// `rec fmt`: rewriting files, `--check`, standard input, and files that do not parse.
@Suite struct FormatCommandTests {
  static let messy = "load   demo\nrow top   \"Top\"\n    from popular( )\n"
  static let canonical = "load demo\n\nrow top \"Top\"\n  from popular()\n"

  /// A fresh folder holding `files`, removed when `body` returns.
  private func inFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-fmt-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    try body(folder)
  }

  private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  @Test func rewritesEachFileInPlace() throws {
    try inFolder(["a.rec": Self.messy, "b.rec": Self.canonical]) { folder in
      let result = try BinaryRunner.run(["fmt", "a.rec", "b.rec"], directory: folder)
      #expect(result.status == 0)
      #expect(result.stdout == "")
      #expect(try read(folder + "/a.rec") == Self.canonical)
      #expect(try read(folder + "/b.rec") == Self.canonical)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.rec", "b.rec"])
    }
  }

  @Test func checkNamesTheFilesThatWouldChangeAndChangesNothing() throws {
    try inFolder(["a.rec": Self.messy, "b.rec": Self.canonical]) { folder in
      let result = try BinaryRunner.run(["fmt", "--check", "a.rec", "b.rec"], directory: folder)
      #expect(result.status == 1)
      #expect(result.stdout == "a.rec\n")
      #expect(try read(folder + "/a.rec") == Self.messy)
      let clean = try BinaryRunner.run(["fmt", "--check", "b.rec"], directory: folder)
      #expect(clean.status == 0)
      #expect(clean.stdout == "")
    }
  }

  @Test func dashFormatsStandardInputToStandardOutput() throws {
    let result = try BinaryRunner.run(["fmt", "-"], input: Self.messy)
    #expect(result.status == 0)
    #expect(result.stdout == Self.canonical)
  }

  @Test func aFileThatDoesNotParseIsReportedAndLeftUntouched() throws {
    let broken = "row top\n  from popular(\n"
    try inFolder(["bad.rec": broken, "a.rec": Self.messy]) { folder in
      let result = try BinaryRunner.run(["fmt", "bad.rec", "a.rec"], directory: folder)
      #expect(result.status == 65)
      #expect(
        result.stderr == """
          bad.rec:2:16: error: expected ')' (to close '(' at line 2)
            |
          2 |   from popular(
            |                ^

          """)
      #expect(try read(folder + "/bad.rec") == broken)
      #expect(try read(folder + "/a.rec") == Self.canonical)
    }
  }
}
