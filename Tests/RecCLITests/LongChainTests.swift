import Foundation
import Testing

/// Flat chains of thousands of terms — what a generated filter looks like — are one node of the
/// tree: checking, running and formatting them costs no depth.
@Suite final class LongChainTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-chain-\(UUID())")

  deinit { try? FileManager.default.removeItem(at: folder) }

  func script(_ name: String, _ text: String) throws -> String {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func fiveThousandOrTermsCheckRunAndFormat() throws {
    let terms = (1...5_000).map { " or title = \($0)" }.joined()
    let path = try script(
      "or.rec", "load demo members 300 titles 120\nfrom plays | where title = 0\(terms) | group by n = 1 (rows = count())\n")
    #expect(try BinaryRunner.run(["check", path]).status == 0)
    let run = try BinaryRunner.run(["run", path, "--format", "csv"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("n,rows\n1,"))
    let formatted = try BinaryRunner.run(["fmt", "--check", path])
    #expect(formatted.status == 0 && formatted.stdout.isEmpty)
  }

  @Test func sixtyThousandPlusTermsCheckAndFormatAndKeepTheirMeaning() throws {
    let terms = (1...60_000).map { " + \($0)" }.joined()
    let path = try script("plus.rec", "load demo members 30 titles 20\nfrom titles | take 1 | derive x = 0\(terms) | select x\n")
    #expect(try BinaryRunner.run(["check", path]).status == 0)
    let run = try BinaryRunner.run(["run", path, "--format", "csv"])
    #expect(run.stdout == "x\n\(60_000 * 60_001 / 2)\n")
    let formatted = try BinaryRunner.run(["fmt", "-"], input: try String(contentsOfFile: path, encoding: .utf8))
    #expect(formatted.stdout == (try String(contentsOfFile: path, encoding: .utf8)))
  }
}
