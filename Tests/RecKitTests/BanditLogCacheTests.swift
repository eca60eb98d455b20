import Testing

@testable import RecKit
@testable import RecCore

@Suite struct BanditLogCacheTests {
  static let definitions = """
    load demo members 100 titles 30
    policy greedy10 = epsilon_greedy(epsilon: 10%) context country
    policy uniform = random
    """

  /// Runs `text` in a fresh session after the definitions; its results and the session.
  private func run(_ text: String) throws -> (String, Session) {
    let results = Box()
    let session = Session(options: SessionOptions(format: .csv)) { text, stream in
      if stream == .results { results.text += text }
    }
    if let problem = session.run(SourceFile(name: "cache.rec", text: Self.definitions + "\n" + text)) { throw problem }
    return (results.text, session)
  }

  private final class Box {
    var text = ""
  }

  @Test func backToBackStatementsReadTheLogOnceAndPrintWhatFreshSessionsPrint() throws {
    let replay = "replay greedy10, uniform on impressions"
    let estimate = "estimate greedy10, uniform on impressions with ips, snips, dm, dr"
    let (both, session) = try run(replay + "\n" + estimate)
    #expect(session.banditLogs.reads == 1)
    let (alone, _) = try run(replay)
    let (other, _) = try run(estimate)
    // The same tables, whatever blank lines separate them.
    #expect(both.split(separator: "\n") == (alone + other).split(separator: "\n"))
    #expect(!alone.isEmpty && !other.isEmpty)
  }

  /// A fixed policy is trained once for the statements on one log, and its exact Thompson
  /// probabilities are kept with it; Monte-Carlo ones (a prior below 1) are drawn afresh by each
  /// statement. Either way each statement prints what it prints in a fresh session.
  @Test func fixedPoliciesTrainOnceAndPrintWhatFreshSessionsPrint() throws {
    let fixed = """
      policy ts = thompson(prior: beta(1, 1)) context country trained on impressions
      policy ts_half = thompson(prior: beta(0.5, 0.5)) context country trained on impressions
      policy greedy = greedy context country trained on impressions
      """
    let replay = "replay ts, ts_half, greedy on impressions"
    let estimate = "estimate ts, ts_half, greedy on impressions with ips, snips, dm, dr"
    let (both, session) = try run(fixed + "\n" + replay + "\n" + estimate + "\n" + estimate)
    #expect(session.banditLogs.reads == 1)
    let (alone, _) = try run(fixed + "\n" + replay)
    let (other, _) = try run(fixed + "\n" + estimate)
    #expect(both.split(separator: "\n") == (alone + other + other).split(separator: "\n"))
    #expect(!alone.isEmpty && !other.isEmpty)
  }

  /// The reward model of a context is fitted once per log: a second `estimate` of another
  /// policy with the same context reuses it, and prints what a fresh session prints.
  @Test func rewardModelsAreFittedOncePerContext() throws {
    let greedy = "policy greedy = greedy context country"
    let first = "estimate greedy10, uniform on impressions with dm, dr"
    let second = "estimate greedy on impressions with dm, dr"
    let (both, session) = try run(greedy + "\n" + first + "\n" + second)
    #expect(session.banditLogs.modelsFitted == 2)
    let (alone, _) = try run(greedy + "\n" + first)
    let (other, _) = try run(greedy + "\n" + second)
    #expect(both.split(separator: "\n") == (alone + other).split(separator: "\n"))
    #expect(!other.isEmpty)
  }

  @Test func aReboundTableIsReadAgain() throws {
    let (_, session) = try run("""
      replay greedy10 on impressions
      let impressions = from impressions | take 500
      replay greedy10 on impressions
      replay uniform on impressions
      """)
    #expect(session.banditLogs.reads == 2)
  }
}
