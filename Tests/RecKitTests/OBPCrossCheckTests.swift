import Foundation
import Testing

@testable import RecKit
@testable import RecEngine
@testable import RecSyntax
@testable import RecCore

/// rec's off-policy estimates of fixed policies against Open Bandit Pipeline's estimator classes
/// on the same rows: two seeded logs of 480 requests over two titles of three artworks each, with
/// a position of four values (one rare), one logged uniformly (propensity 1/3) and one by a
/// policy giving the three artworks 0.6, 0.3 and 0.1 by title, position and member; on each, a
/// deterministic policy (`greedy context position`) and a stochastic one (`epsilon_greedy(epsilon:
/// 20%) context position`, probabilities 0.8667 and 0.0667), both `trained on` the log and judged fixed.
///
/// rec's values come from `OffPolicyEvaluation.run` and `Replay.run`, as `estimate` and `replay`
/// find them. obp is given each judged row's logged action (its index among the row's three
/// candidates), reward and propensity, the policy's π(· | xᵢ) and the reward model's q̂(xᵢ, ·),
/// read from the trained policy and the model rec fits (`Tests/OBP/obp_check.py`). IPS, SNIPS, DM
/// and DR are compared to obp's `InverseProbabilityWeighting`,
/// `SelfNormalizedInverseProbabilityWeighting`, `DirectMethod` and `DoublyRobust`; the replay of the
/// deterministic policy to `ReplayMethod`. obp's `ReplayMethod` counts only rows where
/// π(aᵢ | xᵢ) is exactly 1, which a stochastic policy never gives (obp's value is then 0), so the
/// replay of the stochastic one, Σ π(aᵢ | xᵢ) rᵢ / Σ π(aᵢ | xᵢ), is compared to obp's SNIPS with
/// every propensity 1/3 (the uniform logging the replay assumes; on the uniform log, obp's SNIPS
/// as it is).
///
/// Runs where python3 can load obp 0.5.5 and scikit-learn; skipped elsewhere.
@Suite struct OBPCrossCheckTests {
  static let rows = 480
  static let titles: [Int] = [1, 2]
  static let tolerance = 1e-12

  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("OBP/obp_check.py")

  /// A log of `rows` requests: the title drawn uniformly, the position 3 with probability 0.06
  /// and else one of 0, 1 and 2 uniformly, the artwork (title · 10 + 1 …
  /// title · 10 + 3) uniformly or by the logging policy, played with a probability of the title,
  /// artwork and position (0.1 to 0.7).
  static func log(uniform: Bool, seed: UInt64) -> Table {
    var random = SeededRandom(seed: seed)
    var member: [Int] = []
    var title: [Int] = []
    var artwork: [Int] = []
    var position: [Int] = []
    var played: [Int8] = []
    var propensity: [Double] = []
    for i in 0..<rows {
      let m = 1 + i % 60
      let t = titles[random.below(titles.count)]
      // Position 3 is rare: its cells show some artworks fewer than 5 times, and the reward
      // model falls back to the artwork's mean over all cells there.
      let pos = random.uniform() < 0.06 ? 3 : random.below(3)
      // Non-uniform logging: 0.6, 0.3 and 0.1 over the three artworks, rotated by title,
      // position and the member's parity (outside the policies' context, so the weights vary
      // within a cell and doubly robust's correction is not zero).
      let shares = (0..<3).map { j in uniform ? 1.0 / 3 : [0.6, 0.3, 0.1][(j + pos + t + m % 2) % 3] }
      let u = random.uniform()
      var arm = 2
      var cumulative = 0.0
      for j in 0..<3 {
        cumulative += shares[j]
        if u < cumulative { arm = j; break }
      }
      let take = 0.1 + 0.15 * Double((arm + 2 * pos + t) % 5)
      member.append(m)
      title.append(t)
      artwork.append(t * 10 + 1 + arm)
      position.append(pos)
      played.append(random.uniform() < take ? 1 : 0)
      propensity.append(shares[arm])
    }
    return Table([
      ("member", Column(type: .int, ints: member)),
      ("title", Column(type: .int, ints: title)),
      ("artwork", Column(type: .int, ints: artwork)),
      ("position", Column(type: .int, ints: position)),
      ("played", Column(type: .bool, storage: .bool(played))),
      ("propensity", Column(type: .float, storage: .float64(propensity))),
    ])
  }

  static let policyTexts = [
    "policy g = greedy context position trained on log",
    "policy e = epsilon_greedy(epsilon: 20%) context position trained on log",
  ]

  /// The policies of `policyTexts` prepared over `table` and trained on it, as a session prepares them.
  static func trainedPolicies(_ table: Table, log: BanditLog) throws -> [PreparedPolicy] {
    try policyTexts.map { text in
      let (program, problems) = parse(SourceFile(name: "<test>", text: text))
      #expect(problems.isEmpty)
      guard case .policy(let d)? = program.statements.first?.kind else { throw Diagnostic(.interrupted(), at: nil) }
      let spec = try checkedPolicy(d)
      #expect(!spec.learning)
      var p = try PreparedPolicy(spec: spec, log: log, sources: .init(requests: table), features: nil, draws: 1)
      p.train(on: log)
      return p
    }
  }

  /// One policy on one log, as obp reads it.
  struct Case: Encodable {
    var name: String
    var n_actions: Int
    var action: [Int] = []
    var reward: [Double] = []
    var pscore: [Double] = []
    var action_dist: [[Double]] = []
    var q_hat: [[Double]] = []
  }

  struct Cases: Encodable { var cases: [Case] }

  /// obp's output: its version and each case's values by estimator.
  struct OBPValues: Decodable {
    var obp: String
    var values: [String: [String: Double]]
  }

  /// rec's values of one case, by the name obp's output gives its counterpart.
  struct RecValues {
    var name: String
    var rows: Int
    var values: [(rec: String, obp: String, value: Double)]
  }

  /// Each judged row of `log` as obp reads it, with π from the trained `policy` and q̂ from the
  /// reward model `estimate` fits for it.
  static func extract(_ name: String, policy: PreparedPolicy, log: BanditLog) -> Case {
    var policy = policy
    let model = RewardModel.fit([policy], log: log)[0]
    var random = SeededRandom(seed: 1)
    var out = Case(name: name, n_actions: 3)
    for i in 0..<log.count where log.armSet[i] >= 0 && log.arm[i] >= 0 {
      let decision = policy.decision(log, row: i)
      #expect(decision.actions.count == 3)
      out.action.append(Int(log.arm[i]))
      out.reward.append(log.reward[i])
      out.pscore.append(log.propensity![i])
      out.action_dist.append(policy.policy.probabilities(decision, random: &random))
      out.q_hat.append((0..<decision.actions.count).map { model.prediction(decision, arm: $0) })
    }
    return out
  }

  /// The cases and rec's values for both logs and both policies.
  static func judge() throws -> (cases: [Case], rec: [RecValues]) {
    var cases: [Case] = []
    var rec: [RecValues] = []
    for (logName, uniform, seed) in [("uniform", true, UInt64(11)), ("nonuniform", false, UInt64(12))] {
      let table = log(uniform: uniform, seed: seed)
      let bandit = try BanditLog.read(table, artworks: nil)
      #expect(bandit.setStart == [0, 3, 6])
      let trained = try trainedPolicies(table, log: bandit)
      // Some artworks are shown fewer than 5 times in some cell (position 3's): the reward model's
      // fallback to the artwork's overall mean is part of what is compared.
      var shows: [Int: Int] = [:]
      for i in 0..<bandit.count { shows[Int(trained[0].cells[i]) * 3 + Int(bandit.arm[i]), default: 0] += 1 }
      #expect(shows.values.contains { $0 < 5 })
      for (p, policyName) in zip(trained, ["greedy", "epsilon_greedy"]) {
        cases.append(extract("\(logName)/\(policyName)", policy: p, log: bandit))
      }
      var policies = trained
      let estimates = try OffPolicyEvaluation.run(
        all: &policies, log: bandit, estimators: OffPolicyEstimator.allCases, truth: nil, seed: 7)
      var replayed = trained
      let replays = Replay.run(all: &replayed, log: bandit, seed: 7)
      for (k, policyName) in ["greedy", "epsilon_greedy"].enumerated() {
        let names: [OffPolicyEstimator: String] = [.ips: "ipw", .snips: "snipw", .dm: "dm", .dr: "dr"]
        var values = estimates[k].estimates.map { e in
          (rec: e.estimator.rawValue, obp: names[e.estimator]!, value: e.value)
        }
        values.append((rec: "replay", obp: k == 0 ? "rm" : "snipw_uniform", value: replays[k].takeFraction))
        rec.append(RecValues(name: "\(logName)/\(policyName)", rows: estimates[k].rows, values: values))
      }
    }
    return (cases, rec)
  }

  /// Whether python3 imports scikit-learn and loads obp's estimators; says why the check is skipped when not.
  static let obpInstalled: Bool = {
    let installed = (try? python([script.path, "--check"]).status) == 0
    if !installed {
      print(
        "obp cross-check skipped: python3 cannot load obp's estimators; install them with "
          + "'pip install scikit-learn' and 'pip install --no-deps --ignore-requires-python obp==0.5.5'")
    }
    return installed
  }()

  @Test(.enabled(if: obpInstalled, "needs python3 with scikit-learn and obp 0.5.5"))
  func fixedPoliciesAgreeWithOBP() throws {
    let (cases, rec) = try Self.judge()
    // The cases are what they claim: the greedy policy is deterministic and matches some rows, the
    // ε-greedy one gives every candidate a probability strictly between 0 and 1.
    for c in cases {
      #expect(c.action.count == Self.rows)
      if c.name.hasSuffix("/greedy") {
        #expect(c.action_dist.allSatisfy { $0.allSatisfy { $0 == 0 || $0 == 1 } })
        #expect(zip(c.action, c.action_dist).contains { $1[$0] == 1 })
      } else {
        #expect(c.action_dist.allSatisfy { $0.allSatisfy { $0 > 0 && $0 < 1 } })
      }
      #expect(c.pscore.allSatisfy { c.name.hasPrefix("uniform/") ? $0 == 1.0 / 3 : $0 != 1.0 / 3 })
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("rec-obp-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    try JSONEncoder().encode(Cases(cases: cases)).write(to: file)
    let result = try Self.python([Self.script.path, file.path])
    #expect(result.status == 0)
    let obp = try JSONDecoder().decode(OBPValues.self, from: result.stdout)
    #expect(obp.obp == "0.5.5")
    var compared = 0
    var worst = 0.0
    for r in rec {
      #expect(r.rows == Self.rows)
      for v in r.values {
        guard let theirs = obp.values[r.name]?[v.obp] else {
          Issue.record("obp gave no \(v.obp) for \(r.name)")
          continue
        }
        let difference = abs(v.value - theirs)
        #expect(difference <= Self.tolerance, "\(r.name) \(v.rec): rec \(v.value), obp \(v.obp) \(theirs)")
        print("\(r.name) \(v.rec) = \(v.value); obp \(v.obp) = \(theirs); |difference| = \(difference)")
        worst = max(worst, difference)
        compared += 1
      }
      // Doubly robust's correction term is not zero, so it is checked as well as the direct method.
      let byName = Dictionary(uniqueKeysWithValues: r.values.map { ($0.rec, $0.value) })
      #expect(abs(byName["dr"]! - byName["dm"]!) > 1e-6, "\(r.name): dr equals dm")
      // On the uniform log the stochastic policy's replay is obp's SNIPS itself.
      if r.name == "uniform/epsilon_greedy", let snipw = obp.values[r.name]?["snipw"] {
        #expect(abs(byName["replay"]! - snipw) <= Self.tolerance)
      }
    }
    print("obp \(obp.obp): \(rec.count) cases, \(compared) values, max |difference| = \(worst)")
    #expect(compared == 4 * 5)
  }

  /// Runs `python3 arguments…`; its standard error goes to the test's.
  static func python(_ arguments: [String]) throws -> (status: Int32, stdout: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
  }
}
