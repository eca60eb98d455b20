/// The rows of an uplift evaluation — each row's score from a model, its arm and its 0/1
/// outcome — sorted once into ranking order, with the running counts every uplift metric, cut-off
/// and curve reads from.
///
/// The ranking order is sklift's: scores descending, equal scores in descending row order (the
/// reverse of a stable ascending sort, `np.argsort(score, kind="mergesort")[::-1]`). It decides
/// which tied rows `uplift@k` and `true_uplift@k` take at the cut, and the causalml values on
/// ties; sklift's curves, and so `qini` and `auuc`, group equal scores and do not depend on it.
/// causalml sorts with an unstable quicksort, so its own values on tied scores depend on its
/// sort's internals: rec's `[causalml]` values equal causalml's only for untied scores.
///
/// The metrics and curves are in `UpliftRanking+Sklift.swift`, `+CausalML.swift` and `+Cuts.swift`.
package struct UpliftRanking {
  /// The number of rows.
  package let count: Int
  /// Row numbers (from 0) in ranking order.
  let order: [Int32]
  /// The counts over the first i rows in ranking order, for i = 0 … `count`.
  private let soFar: [RunningCounts]
  /// The row counts at which a run of equal scores ends, ascending, the last `count`: sklift's
  /// thresholds (`np.where(np.diff(score))` + 1, then n).
  let tieEnds: [Int32]

  /// Ranks the rows by `score`. `treated` says each row's arm, `outcome` whether it got a play.
  /// - Throws: `UpliftFailure` when the arrays differ in length, a score is NaN or infinite, an
  ///   outcome is not 0 or 1, an arm has no row, or there are 2³¹ − 1 rows or more.
  /// - Complexity: O(n): a radix sort of the scores and one pass.
  package init(score: [Double], treated: [Bool], outcome: [Double]) throws(UpliftFailure) {
    let n = score.count
    guard treated.count == n else { throw .lengthMismatch("the treatment", count: treated.count, rows: n) }
    guard outcome.count == n else { throw .lengthMismatch("the outcome", count: outcome.count, rows: n) }
    if let row = score.firstIndex(where: { !$0.isFinite }) { throw .notFinite("the score", row: row + 1) }
    if let row = outcome.firstIndex(where: { $0 != 0 && $0 != 1 }) { throw .notBinary(outcome[row], row: row + 1) }
    guard treated.contains(true) else { throw .missingArm(treated: true) }
    guard treated.contains(false) else { throw .missingArm(treated: false) }
    guard n < Int(Int32.max) else { throw .tooManyRows(n) }
    // Each row's arm and outcome in one byte (bit 0 treated, bit 1 played): the pass reads them in
    // ranking order, at random places, and a byte a row stays in cache where the outcome's
    // eight would not.
    let flags = (0..<n).map { UInt8(treated[$0] ? 1 : 0) | (outcome[$0] == 1 ? 2 : 0) }
    let codes = SortCodes(Column(type: .float, storage: .float64(score)), descending: false)
    let order = Array((RadixSort.stableOrder(refining: nil, by: codes) ?? Array(0..<Int32(n))).reversed())
    (self.soFar, self.tieEnds) = Self.count(order: order, score: score, flags: flags)
    self.count = n
    self.order = order
  }

  /// The treated rows, their plays and the control rows' plays among the first rows.
  private struct RunningCounts {
    var treated: Int32 = 0
    var treatedPlays: Int32 = 0
    var controlPlays: Int32 = 0
  }

  /// The counts over the first i rows of `order` for i = 0 … n, and the ends of the runs of
  /// equal scores, in one pass.
  private static func count(
    order: [Int32], score: [Double], flags: [UInt8]
  ) -> (soFar: [RunningCounts], tieEnds: [Int32]) {
    let n = order.count
    var tieEnds: [Int32] = []
    let soFar = [RunningCounts](unsafeUninitializedCapacity: n + 1) { soFar, initialised in
      order.withUnsafeBufferPointer { order in
        score.withUnsafeBufferPointer { score in
          flags.withUnsafeBufferPointer { flags in
            var running = RunningCounts()
            soFar[0] = running
            var previous = score[Int(order[0])]
            for i in 0..<n {
              let row = Int(order[i])
              // The score of a row some places on, at a random place in memory: its cache miss
              // overlaps with this row's work.
              if i + 16 < n { prefetchRead(score, Int(order[i + 16]), 1) }
              let f = flags[row]
              // The counts stay at most n < Int32.max, so the wrapping additions never wrap.
              running.treated &+= Int32(f & 1)
              running.treatedPlays &+= f == 3 ? 1 : 0
              running.controlPlays &+= f == 2 ? 1 : 0
              soFar[i + 1] = running
              // A run of equal scores ends before row i when its score differs (-0 equals 0, as
              // in NumPy).
              let s = score[row]
              if s != previous { tieEnds.append(Int32(i)) }
              previous = s
            }
          }
        }
      }
      initialised = n + 1
    }
    tieEnds.append(Int32(n))
    return (soFar, tieEnds)
  }

  /// The counts over the first `rows` rows in ranking order.
  func tally(_ rows: Int) -> UpliftTally {
    let c = soFar[rows]
    return UpliftTally(
      rows: rows, treated: Int(c.treated), treatedPlays: Int(c.treatedPlays), controlPlays: Int(c.controlPlays))
  }

  /// The fewest first rows holding `wanted` rows of one arm (`treated` true: the treated arm), by
  /// binary search on the running counts; `wanted` is at most the arm's size.
  /// - Complexity: O(log n).
  func rowsHolding(_ wanted: Int, treated arm: Bool) -> Int {
    var (low, high) = (0, count)
    while low < high {
      let middle = (low + high) / 2
      let have = arm ? Int(soFar[middle].treated) : middle - Int(soFar[middle].treated)
      if have >= wanted { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
