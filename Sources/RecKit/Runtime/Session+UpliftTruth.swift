import RecCore
import RecEngine

/// The demo's true uplift for page metrics (`incremental@4x5`).
extension Session {
  /// `judge` with the demo's true uplift of showing a title to a member at the split's "now"
  /// when a metric reads it; `metric` (as written, and where) is that metric, named in the error
  /// when the session has no demo world or the split no "now". Without one, `judge` as it is.
  ///
  /// The generator's lift is lower for a title the member was done with; its own record of that
  /// is not kept, so a title counts as done when the member played it on the train side.
  func withUpliftTruth(
    _ judge: Judge, split pair: SplitPair, for metric: (label: String, range: SourceRange)?
  ) throws(Diagnostic) -> Judge {
    guard let metric else { return judge }
    guard let demo else {
      throw Diagnostic(
        .noUpliftTruth(metric.label, reason: "no demo world is loaded ('load demo' keeps the truth)"), at: metric.range)
    }
    guard pair.now != nil else {
      throw Diagnostic(
        .noUpliftTruth(metric.label, reason: "a random split has no moment to show the page at; split by time"),
        at: metric.range)
    }
    let train = try table(pair.train, at: nil)
    var played: [Int: Set<Int>] = [:]
    if let members = train["member"], let titles = train["title"] {
      for i in 0..<train.count {
        if let m = members.int(at: i), let t = titles.int(at: i) { played[m, default: []].insert(t) }
      }
    }
    let done = played
    var judged = judge
    judged.upliftTruth = { member, title, at in
      demo.trueUplift(member: member, title: title, at: at, done: done[member]?.contains(title) == true)
    }
    return judged
  }
}
