import RecCore
import RecEngine

/// `eval P, … on SPLIT`, every page and metric resolved.
struct EvalPlan: Sendable {
  /// The pages in order, the baseline first when it is not among them.
  var pages: [PagePlan]
  var split: SplitChoice
  var metrics: [Metric]
  var formulas: [FormulaMetricPlan]
  var baseline: String?
  /// `by member.country`: the `members` column to segment by.
  var segment: (column: String, range: SourceRange)?
  var layout: Layout
  var test: PairedComparison.Test
  /// The first metric that reads the demo's truth (`incremental@4x5`) as written, for the error
  /// when there is none.
  var truthMetric: (label: String, range: SourceRange)?

  /// How the figures are laid out: a column per metric, a row per metric (`long`), or a row per
  /// member and metric (`per member`).
  enum Layout {
    case wide, long, perMember
  }
}

/// `sweep METRIC for V in A..B over P, … on SPLIT [to "FILE.svg"]`.
struct SweepPlan: Sendable {
  /// The metric as written (`recall@Mx5`) and its variable.
  var label: String
  var metricName: String
  var variable: String
  /// The variable's values and the metric at each.
  var values: [Int]
  var metrics: [Metric]
  var pages: [PagePlan]
  var split: SplitChoice
  var chart: FilePath?
}

/// `abtest A vs B on SPLIT [split P/Q] [seed S] [metrics …]`.
struct ABTestPagesPlan: Sendable {
  var control: PagePlan
  var treatment: PagePlan
  var split: SplitChoice
  var ratio: (Int, Int)
  var seed: UInt64?
  var metrics: [Metric]
  var formulas: [FormulaMetricPlan]
}

/// `abtest on TABLE group COL metric COL [control "X"]`.
struct ABTestLoggedPlan: Sendable {
  var table: String
  var group: String
  var metric: String
  var control: (name: String, range: SourceRange)?
  /// What is counted and compared: each member (the mean of its rows), or each row; nil leaves it
  /// to the table (members when it has a `member` column).
  var unit: ABTestUnit?
  var unitRange: SourceRange?
}

/// The unit of analysis of a logged A/B test.
enum ABTestUnit: String, CaseIterable, Sendable {
  case member, row
}

/// A formula metric (`metric NAME = EXPR on pages`) as `eval` computes it: its formula grouped
/// by member over the cells of each judged member's page.
struct FormulaMetricPlan: Sendable {
  var name: String
  var pipeline: BoundPipeline
}
