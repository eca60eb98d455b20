import RecCore
import RecKit

/// `rec bench bandits`: the contract's four policies simulated on the default demo world, then
/// the statements `replay greedy10, uniform on impressions` and `estimate greedy10, uniform on
/// impressions with ips, snips, dm, dr` back to back on a demo world large enough to log about
/// `logged` impressions (160 a member), then the same two statements for fixed policies trained
/// on that log (`BenchmarkScripts.frozenPolicies`). Each statement is timed by the clock and by
/// CPU time; its result table is printed with the timings.
public enum BanditJob {
  public static func run(simulated: Int, logged: Int) throws(Diagnostic) -> String {
    let bench = TimedSession()
    try bench.run("load demo")
    try bench.run(BenchmarkScripts.policies)
    let simulate = try bench.run("simulate greedy10, ts, lin, uniform on artwork for \(simulated) impressions seed 1")
    let members = min(Checker.demoMembers.upperBound, max(1, logged / 160))
    try bench.run("load demo members \(members)")
    try bench.run(BenchmarkScripts.policies)
    let replay = try bench.run("replay greedy10, uniform on impressions")
    let estimate = try bench.run("estimate greedy10, uniform on impressions with ips, snips, dm, dr")
    try bench.run(BenchmarkScripts.frozenPolicies)
    let frozenReplay = try bench.run("replay greedy_fixed, ts_fixed on impressions")
    let frozenEstimate = try bench.run("estimate greedy_fixed, ts_fixed on impressions with ips, snips, dm, dr")
    let rows = bench.table("impressions")?.count ?? 0
    func line(_ text: String) -> String { text.split(separator: "\n").joined(separator: ", ") }
    let wall: [(String, Double)] = [
      ("simulate_s", simulate.wall), ("replay_s", replay.wall), ("estimate_s", estimate.wall),
      ("replay_estimate_s", replay.wall + estimate.wall), ("frozen_replay_s", frozenReplay.wall),
      ("frozen_estimate_s", frozenEstimate.wall), ("frozen_replay_estimate_s", frozenReplay.wall + frozenEstimate.wall),
    ]
    let cpu: [(String, Double)] = [
      ("simulate_s", simulate.cpu), ("replay_s", replay.cpu), ("estimate_s", estimate.cpu),
      ("replay_estimate_s", replay.cpu + estimate.cpu), ("frozen_replay_s", frozenReplay.cpu),
      ("frozen_estimate_s", frozenEstimate.cpu), ("frozen_replay_estimate_s", frozenReplay.cpu + frozenEstimate.cpu),
    ]
    return BenchmarkJSON.object([
      ("job", BenchmarkJSON.string("bandits")),
      ("timings_s", BenchmarkJSON.object(wall.map { ($0.0, BenchmarkJSON.number($0.1)) })),
      ("cpu_s", BenchmarkJSON.object(cpu.map { ($0.0, BenchmarkJSON.number($0.1)) })),
      ("simulated", String(simulated)), ("logged", String(rows)),
      ("simulate", line(simulate.results)), ("replay", line(replay.results)), ("estimate", line(estimate.results)),
      ("frozen_replay", line(frozenReplay.results)), ("frozen_estimate", line(frozenEstimate.results)),
    ])
  }
}
