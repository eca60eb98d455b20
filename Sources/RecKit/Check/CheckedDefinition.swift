import RecCore
import RecEngine
import RecSyntax

/// A definition the checker accepted, as the session keeps it under its name: its source (for
/// `.show`, `.save` and `export`) and what it means.
///
/// Rows, pages and formula metrics read the tables they are used with, so they are checked
/// where they are written against the columns known then, and turned into the plan a statement
/// runs where a statement uses them (`eval`, `show page`), against the columns known there.
struct CheckedDefinition: Sendable {
  enum Kind: String, Sendable, CaseIterable {
    case row, page, diversity, model, metric, policy, ranker, uplift
  }

  enum Meaning: Sendable {
    case row(RowDefinition)
    case page(PageDefinition)
    case diversity(DiversityRules)
    case model(ModelInputs)
    case metric(MetricDefinition)
    case policy(PolicySpec)
    case ranker(RankerSpec)
    /// Nil while its features can be bound only once a file's columns are read.
    case uplift(UpliftModelSpec?)
  }

  let name: String
  /// The definition as written, clause lines included.
  let statement: Statement
  let meaning: Meaning

  var kind: Kind {
    switch meaning {
    case .row: .row
    case .page: .page
    case .diversity: .diversity
    case .model: .model
    case .metric: .metric
    case .policy: .policy
    case .ranker: .ranker
    case .uplift: .uplift
    }
  }
}

/// A `model` definition's inputs compiled, and the log it trains on.
struct ModelInputs: Sendable {
  /// Each input as written (`relevance * freshness`) with its formula.
  var inputs: [(text: String, formula: UtilityFormula)]
  /// Where each input is written, parallel to `inputs`.
  var inputRanges: [SourceRange]
  var table: String
  var tableRange: SourceRange
  /// The whole definition, where a failure to train is reported.
  var range: SourceRange
}

extension CheckedDefinition {
  var row: RowDefinition? { if case .row(let r) = meaning { r } else { nil } }
  var page: PageDefinition? { if case .page(let p) = meaning { p } else { nil } }
  var diversityRules: DiversityRules? { if case .diversity(let d) = meaning { d } else { nil } }
  var model: ModelInputs? { if case .model(let m) = meaning { m } else { nil } }
  var metric: MetricDefinition? { if case .metric(let m) = meaning { m } else { nil } }
  var policy: PolicySpec? { if case .policy(let p) = meaning { p } else { nil } }
  var ranker: RankerSpec? { if case .ranker(let r) = meaning { r } else { nil } }
  var uplift: UpliftModelSpec? { if case .uplift(let u) = meaning { u } else { nil } }
}
