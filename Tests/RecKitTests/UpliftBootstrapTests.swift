import Testing

@testable import RecEngine

/// `eval … baseline B`'s paired bootstrap, on rows whose differences are known without it.
@Suite struct UpliftBootstrapTests {
  /// 200 rows, alternately treated, a play on every third.
  static let treated = (0..<200).map { $0 % 2 == 0 }
  static let outcome = (0..<200).map { $0 % 3 == 0 ? 1.0 : 0 }
  static var metrics: [(UpliftBootstrap.Resample) throws -> Double] {
    [
      { try $0.ranking.qini() }, { try $0.ranking.uplift(at: .share(0.3)) },
      { try $0.ranking.trueUplift(at: .share(0.3), truth: $0.truth ?? []) },
    ]
  }

  static func scored(_ score: [Double], truth: [Double]?) -> UpliftBootstrap.Scored {
    UpliftBootstrap.Scored(score: score, treated: treated, outcome: outcome, truth: truth)
  }

  /// A model against itself differs by exactly 0 in every resample.
  @Test func aModelAgainstItselfHasAZeroInterval() throws {
    let a = Self.scored((0..<200).map { Double(($0 * 37) % 101) }, truth: (0..<200).map { Double($0) / 200 })
    let intervals = try UpliftBootstrap(seed: 5).intervals(a, minus: a, metrics: Self.metrics)
    #expect(intervals.map(\.low) == [0, 0, 0] && intervals.map(\.high) == [0, 0, 0])
  }

  /// The same seed gives the same interval; the true uplift ranked by itself beats its reverse in
  /// every resample, so the interval of `true_uplift@30%` is above 0.
  @Test func seededAndOrderedByTheTruth() throws {
    let truth = (0..<200).map { Double(($0 * 53) % 97) / 97 }
    let best = Self.scored(truth, truth: truth)
    let worst = Self.scored(truth.map { -$0 }, truth: truth)
    let once = try UpliftBootstrap(seed: 9).intervals(best, minus: worst, metrics: Self.metrics)
    let again = try UpliftBootstrap(seed: 9).intervals(best, minus: worst, metrics: Self.metrics)
    #expect(once.map(\.low) == again.map(\.low) && once.map(\.high) == again.map(\.high))
    #expect(once[2].low > 0 && once[2].low <= once[2].high)
  }

  /// A metric that fails on a resample names itself; a truth of the wrong length is refused.
  @Test func failuresAreNamed() throws {
    let a = Self.scored((0..<200).map(Double.init), truth: nil)
    let metrics: [(UpliftBootstrap.Resample) throws -> Double] = [{ try $0.ranking.qini() }, { try $0.ranking.uplift(at: .rows(1)) }]
    let failure = try #require(throws: UpliftBootstrap.Failure.self) {
      try UpliftBootstrap(seed: 1).intervals(a, minus: a, metrics: metrics)
    }
    #expect(failure.metric == 1)
    let short = Self.scored((0..<200).map(Double.init), truth: [0.5])
    let mismatch = try #require(throws: UpliftBootstrap.Failure.self) {
      try UpliftBootstrap(seed: 1).intervals(short, minus: short, metrics: metrics)
    }
    #expect(mismatch.error as? UpliftFailure == .lengthMismatch("the true uplift", count: 1, rows: 200))
  }
}
