import Foundation
import Testing

@testable import RecCore
@testable import RecFuzz
@testable import RecKit
@testable import RecSyntax

/// Every input in `Tests/Fuzz/Corpus/<target>/` through its fuzz target, as the libFuzzer run did
/// (`Tests/Fuzz/run.sh`): the seeds, what the runs kept, and each crash found and fixed, under
/// a name that says what it was.
@Suite struct FuzzCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/Corpus")

  static var targets: [String] { fuzzTargets.keys.sorted() }

  @Test(arguments: targets)
  func corpusReplays(target: String) throws {
    let folder = Self.corpus.appendingPathComponent(target).path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
    #expect(!names.isEmpty, "no corpus for \(target)")
    let run = try #require(fuzzTargets[target])
    for name in names {
      let data = try #require(FileManager.default.contents(atPath: folder + "/" + name))
      let problems = data.withUnsafeBytes { run($0) }
      #expect(problems.isEmpty, "\(target)/\(name): \(problems.joined(separator: "; "))")
    }
  }
}
