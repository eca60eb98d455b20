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

  /// Bytes that are not UTF-8 could only be written back changed (as U+FFFD): the file is left
  /// as it is, and the line is named.
  @Test func invalidUTF8IsReportedAndTheFileLeftAsItIs() throws {
    try inFolder([:]) { folder in
      let bytes: [UInt8] = Array("load   demo\n# caf".utf8) + [0xE9] + Array("\n".utf8)
      let path = folder + "/latin1.rec"
      FileManager.default.createFile(atPath: path, contents: Data(bytes))
      let result = try BinaryRunner.run(["fmt", "latin1.rec"], directory: folder)
      #expect(result.status == 65)
      #expect(result.stderr.hasPrefix(
        "latin1.rec:2:1: error: this line is not valid UTF-8: the file is left as it is, since its bytes could not be written back unchanged\n"))
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }
  }

  /// `==` where a bare `=` names a column (`select`, `derive`, `group by`): written as `=`, the
  /// comparison would become a column called `member`, so the file is refused and left as it is.
  @Test func aComparisonThatWouldBecomeANameIsRefused() throws {
    let statements = [
      "from plays | select member == 1", "from plays | derive member == 1",
      "from plays | group by member == 1 (n = count())",
    ]
    for statement in statements {
      let text = "load   demo\n" + statement + "\n"
      try inFolder(["eq.rec": text]) { folder in
        let result = try BinaryRunner.run(["fmt", "eq.rec"], directory: folder)
        #expect(result.status == 65)
        #expect(
          result.stderr.hasPrefix(
            "eq.rec:2:1: error: this statement would not mean the same in canonical layout, so the file was left as it is\n"),
          "\(statement): \(result.stderr)")
        #expect(try read(folder + "/eq.rec") == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["eq.rec"])
        let piped = try BinaryRunner.run(["fmt", "-"], input: text)
        #expect(piped.status == 65 && piped.stdout.isEmpty)
      }
    }
  }

  /// A script keeps its permissions, and a link to it is written through, staying a link.
  @Test func aScriptsModeIsKeptAndALinkToItIsWrittenThrough() throws {
    try inFolder(["real.rec": Self.messy]) { folder in
      let real = folder + "/real.rec"
      try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: real)
      try FileManager.default.createSymbolicLink(atPath: folder + "/link.rec", withDestinationPath: "real.rec")
      let result = try BinaryRunner.run(["fmt", "link.rec"], directory: folder)
      #expect(result.status == 0)
      #expect(try read(real) == Self.canonical)
      let permissions = try FileManager.default.attributesOfItem(atPath: real)[.posixPermissions] as? NSNumber
      #expect(permissions?.intValue == 0o640)
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.rec") == "real.rec")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.rec", "real.rec"])
    }
  }

  /// A byte order mark and Windows line endings are kept; only the layout changes.
  @Test func byteOrderMarkAndLineEndingsAreKept() throws {
    try inFolder([:]) { folder in
      let path = folder + "/win.rec"
      FileManager.default.createFile(atPath: path, contents: Data([0xEF, 0xBB, 0xBF] + Array("load   demo\r\nfrom  plays\r\n".utf8)))
      let result = try BinaryRunner.run(["fmt", "win.rec"], directory: folder)
      #expect(result.status == 0)
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: path))
          == Data([0xEF, 0xBB, 0xBF] + Array("load demo\r\nfrom plays\r\n".utf8)))
    }
  }

  /// Every example is in canonical layout, as a teammate's `rec fmt` would leave it.
  @Test func examplesAreInCanonicalLayout() throws {
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let examples = try FileManager.default.contentsOfDirectory(atPath: package.appendingPathComponent("examples").path)
      .filter { $0.hasSuffix(".rec") }.sorted().map { "examples/" + $0 }
    #expect(examples.count >= 3)
    let result = try BinaryRunner.run(["fmt", "--check"] + examples, directory: package.path)
    #expect(result.status == 0, "not in canonical layout: \(result.stdout)")
  }
}
