import RecCore
import RecEngine

/// A search ranker named by a statement (`with popular`, `eval popular, truth on …`).
struct RankerPlan: Sendable {
  enum Kind: Sendable {
    /// Candidates by popularity: log(1 + plays in the history).
    case popular
    /// The demo generator's weight of each candidate for the member on the search's day.
    case truth
    /// A `ranker` definition's trained model, by the click probability it gives.
    case learned
  }

  var name: String
  var kind: Kind
  var range: SourceRange

  /// The rankers every session has, by name.
  static let builtIn: [(name: String, kind: Kind)] = [("popular", .popular), ("truth", .truth)]
}

/// `search "q" for member M [with R] [limit N] [at TIME]`.
struct SearchPlan: Sendable {
  var query: String
  var member: MemberChoice
  var ranker: RankerPlan
  /// How many results to list.
  var limit: Int
  /// "Now" as written; nil for the latest play.
  var at: Int?
  var range: SourceRange
}

/// `eval R, … on SPLIT` over search rankers, every ranker and metric resolved.
struct SearchEvalPlan: Sendable {
  /// The rankers in order, the baseline first when it is not among them.
  var rankers: [RankerPlan]
  var split: SplitChoice
  var metrics: [Metric]
  var baseline: String?
  /// `by EXPR`: the judged table with the segment derived, and the segment column's name.
  var segment: (pipeline: BoundPipeline, column: String)?
  var layout: Layout
  var test: PairedComparison.Test

  /// A column per metric, a row per metric (`long`), or a row per search and metric (`per search`).
  enum Layout {
    case wide, long, perSearch
  }

  /// Metrics of an `eval` over rankers without a `metrics` clause.
  static let defaultMetrics = [Metric(kind: .mrr, k: 10), Metric(kind: .ndcg, k: 10), Metric(kind: .recall, k: 10)]
}
