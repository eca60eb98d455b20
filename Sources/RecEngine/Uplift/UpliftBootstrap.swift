/// The seeded paired percentile bootstrap of `eval … baseline B` over uplift models.
///
/// Each of the 1,000 resamples draws n rows with replacement — resample r from stream r of the
/// seed, so every model and metric of a statement sees the same rows — ranks them by the model's
/// and by the baseline's scores, and takes the difference of each metric. The interval is the
/// 2.5th and 97.5th percentile of the differences, linear between order statistics, as
/// `estimate`'s bootstrap takes it.
package struct UpliftBootstrap {
  package static let resamples = 1_000

  /// The rows as one model scores them, with each row's true uplift when it is known.
  package struct Scored {
    package var score: [Double]
    package var treated: [Bool]
    package var outcome: [Double]
    package var truth: [Double]?

    package init(score: [Double], treated: [Bool], outcome: [Double], truth: [Double]?) {
      (self.score, self.treated, self.outcome, self.truth) = (score, treated, outcome, truth)
    }

    /// The rows ranked by their scores.
    /// - Throws: `UpliftFailure` as `UpliftRanking` does.
    package func ranking() throws(UpliftFailure) -> UpliftRanking {
      try UpliftRanking(score: score, treated: treated, outcome: outcome)
    }

    /// The same rows ranked by their true uplift (the oracle of the curves); nil when it is not known.
    /// - Throws: `UpliftFailure` when the truth has the wrong length or a value that is not finite,
    ///   and as `UpliftRanking` does.
    package func oracle() throws(UpliftFailure) -> UpliftRanking? {
      guard let truth else { return nil }
      guard truth.count == score.count else {
        throw .lengthMismatch("the true uplift", count: truth.count, rows: score.count)
      }
      if let row = truth.firstIndex(where: { !$0.isFinite }) { throw .notFinite("the true uplift", row: row + 1) }
      return try UpliftRanking(score: truth, treated: treated, outcome: outcome)
    }

    /// The resample `rows` ranked, with its rows' true uplift.
    func resample(_ rows: [Int]) throws(UpliftFailure) -> Resample {
      if let truth, truth.count != score.count {
        throw .lengthMismatch("the true uplift", count: truth.count, rows: score.count)
      }
      return Resample(
        ranking: try UpliftRanking(
          score: rows.map { score[$0] }, treated: rows.map { treated[$0] }, outcome: rows.map { outcome[$0] }),
        truth: truth.map { truth in rows.map { truth[$0] } })
    }
  }

  /// One resample as a metric reads it.
  package struct Resample {
    package var ranking: UpliftRanking
    package var truth: [Double]?

    package init(ranking: UpliftRanking, truth: [Double]?) {
      (self.ranking, self.truth) = (ranking, truth)
    }
  }

  /// Metric `metric` (an index into the metrics given) failed on a resample, with its error.
  package struct Failure: Error {
    package var metric: Int
    package var error: any Error
  }

  let seed: UInt64

  package init(seed: UInt64) {
    self.seed = seed
  }

  /// The 95% interval of metric(model) − metric(baseline) for each of `metrics`, over the same
  /// resamples of the rows (`model` and `baseline` score the same n rows).
  /// - Complexity: O(resamples · (n + metrics)) after the rankings' linear sorts.
  package func intervals(
    _ model: Scored, minus baseline: Scored, metrics: [(Resample) throws -> Double]
  ) throws(Failure) -> [(low: Double, high: Double)] {
    let n = model.score.count
    guard n > 0 else { return metrics.map { _ in (.nan, .nan) } }
    var differences = [[Double]](repeating: [], count: metrics.count)
    var rows = [Int](repeating: 0, count: n)
    for r in 0..<Self.resamples {
      var random = SeededRandom(seed: seed, stream: UInt64(r))
      for i in 0..<n { rows[i] = random.below(n) }
      let a: Resample
      let b: Resample
      do {
        (a, b) = (try model.resample(rows), try baseline.resample(rows))
      } catch {
        throw Failure(metric: 0, error: error)
      }
      for (m, metric) in metrics.enumerated() {
        do {
          differences[m].append(try metric(a) - metric(b))
        } catch {
          throw Failure(metric: m, error: error)
        }
      }
    }
    return differences.map { d in
      let sorted = d.sorted()
      return (Bootstrap.quantile(sorted, 0.025), Bootstrap.quantile(sorted, 0.975))
    }
  }
}
