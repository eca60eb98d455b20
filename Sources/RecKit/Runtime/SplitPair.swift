/// What `split` remembers: which tables form the pair, what table they came from, and
/// "now" for evaluation — the cut time, or each member's first test time — so that a page
/// judged on `test` is built only from `train`.
struct SplitPair: Sendable {
  var source: String
  var train: String
  var test: String
  /// The global cut (seconds) for a time split; nil for per-member and random splits.
  var cut: Int?
  /// For per-member splits: each member's first test time.
  var memberNow: [Int: Int]
}
