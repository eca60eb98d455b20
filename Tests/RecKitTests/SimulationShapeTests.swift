import Foundation
import Testing

@testable import RecKit
@testable import RecOutput
@testable import RecCore

/// The contract's artwork simulation, read from the regret chart `simulate` draws: `ts` and `lin`
/// end with a higher take fraction and lower regret than `uniform`, `greedy10` (which keeps
/// exploring 10% of the time) gains regret at a steady rate, and `ts` gains it ever more slowly
/// (measured: greedy10's later quarters add 103%, 101% and 99% of the regret of its first;
/// ts's 95%, 89% and 85%).
@Suite struct SimulationShapeTests {
  @Test func regretOfEpsilonGreedyGrowsLinearlyWhileThompsonFlattens() throws {
    let folder = try #require(ParserTests.contractFolder(), "shared/contract not found")
    let contract = try String(contentsOf: folder.appendingPathComponent("artwork.rec"), encoding: .utf8)
    // The contract up to its simulation: replay and estimates are other tests' business.
    let script = contract.split(separator: "\n", omittingEmptySubsequences: false)
      .prefix { !$0.hasPrefix("replay") }.joined(separator: "\n")
    var charts: [LineChart] = []
    let session = Session(options: SessionOptions()) { _, _ in }
    session.observer = { output in
      for case .chart(let chart) in output.items { charts.append(chart) }
    }
    if let problem = session.run(SourceFile(name: "artwork.rec", text: script)) { throw problem }
    let regret = try #require(charts.first { $0.title == "cumulative regret" })
    let take = try #require(charts.first { $0.title == "take fraction" })
    func curve(_ chart: LineChart, _ name: String) throws -> [(Double, Double)] {
      try #require(chart.series.first { $0.name == name }).points.map { ($0.x, $0.y) }
    }
    /// Regret gained over the quarter of the run that ends at `end` (1...4).
    func gained(_ points: [(Double, Double)], quarter end: Int) -> Double {
      let at = { (q: Int) in q == 0 ? 0 : points[points.count * q / 4 - 1].1 }
      return at(end) - at(end - 1)
    }
    let greedy = try curve(regret, "greedy10")
    let ts = try curve(regret, "ts")
    let uniform = try curve(regret, "uniform")
    for name in ["ts", "lin"] {
      #expect(try curve(regret, name).last!.1 < uniform.last!.1, "\(name) regret")
      #expect(try curve(take, name).last!.1 > curve(take, "uniform").last!.1, "\(name) take fraction")
    }
    // Linear: each later quarter adds at least 90% of what the first added.
    for q in 2...4 { #expect(gained(greedy, quarter: q) > 0.9 * gained(greedy, quarter: 1), "greedy10: \(greedy.map(\.1))") }
    // Flattening: each quarter adds less than the one before, the last under 90% of the first,
    // and less than greedy10's last quarter.
    for q in 2...4 { #expect(gained(ts, quarter: q) < gained(ts, quarter: q - 1), "ts: \(ts.map(\.1))") }
    #expect(gained(ts, quarter: 4) < 0.9 * gained(ts, quarter: 1))
    #expect(gained(ts, quarter: 4) < gained(greedy, quarter: 4))
  }
}
