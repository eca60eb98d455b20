import Foundation
import Testing

/// The outside world's error contract (`Contract/errors/EXPECTED.md`, copied unchanged):
/// each bad script exits non-zero, prints nothing to standard output, and prints a
/// diagnostic at the given place with a caret and the given words.
@Suite struct ContractTests {
  struct Case: Sendable, CustomStringConvertible {
    var file: String
    var location: String
    var words: [String]
    var description: String { file }
  }

  static let cases = [
    Case(file: "unknown-table.rec", location: "2:6", words: ["plyas", "did you mean 'plays'?"]),
    Case(file: "misspelt-clause.rec", location: "4:3", words: ["limt", "did you mean 'limit'?"]),
    Case(file: "unterminated-string.rec", location: "2:9", words: ["unterminated string"]),
    Case(file: "missing-file.rec", location: "1:23", words: ["no/such/file.csv", "does not exist"]),
    Case(file: "bad-csv.rec", location: "1:23", words: ["bad.csv:4", "3 fields", "header has 4"]),
  ]

  @Test(arguments: cases)
  func badScript(_ c: Case) throws {
    let folder = ScriptTests.package.appendingPathComponent("Tests/RecCLITests/Contract/errors").path
    let result = try BinaryRunner.run(["run", c.file], directory: folder)
    #expect(result.status != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("\(c.file):\(c.location): error: "), "stderr: \(result.stderr)")
    for word in c.words { #expect(result.stderr.contains(word)) }
    // The source line and a caret under the span's first column.
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    let column = Int(c.location.split(separator: ":")[1])!
    #expect(lines.count >= 4)
    if lines.count >= 4 {
      let caret = lines[3]
      let gutter = caret.firstIndex(of: "|").map { caret.distance(from: caret.startIndex, to: $0) } ?? 0
      let caretColumn = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) } ?? -1
      #expect(caretColumn - gutter - 2 + 1 == column, "caret line: \(caret)")
    }
  }
}
