import Foundation
import Testing

/// `tiny-eval.rec` (copied unchanged from the contract) prints the figures of
/// `tiny-eval.expected` to 1e-9 in `--format csv`: one row, `page = shown`, a column per metric
/// named as written.
@Suite struct EvalContractTests {
  static let folder = ScriptTests.package.appendingPathComponent("Tests/RecCLITests/Contract/eval").path

  @Test func tinyEvalPrintsTheExpectedFigures() throws {
    let result = try BinaryRunner.run(["run", "tiny-eval.rec", "--format", "csv"], directory: Self.folder)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    try #require(lines.count == 2)
    let row = Dictionary(uniqueKeysWithValues: zip(lines[0], lines[1]))
    #expect(row["page"] == "shown")
    let expected = try String(contentsOfFile: Self.folder + "/tiny-eval.expected", encoding: .utf8)
      .split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(lines[0] == ["page"] + expected.map { $0[0] })
    for pair in expected {
      let got = try #require(row[pair[0]].flatMap(Double.init), "column \(pair[0])")
      #expect(abs(got - Double(pair[1])!) < 1e-9, "\(pair[0]): \(got) vs \(pair[1])")
    }
  }
}
