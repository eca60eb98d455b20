import RecEngine

/// What `split` remembers: which tables form the pair, what table they came from, and
/// "now" for evaluation — the cut time, or each member's first test time — so that a page
/// judged on `test` is built only from `train`.
struct SplitPair: Sendable {
  var sides: SplitSides
  /// The cut time, or each member's first test time; nil for a random split.
  var now: SplitNow?

  var source: String { sides.source }
  var train: String { sides.train }
  var test: String { sides.test }
}
