/// A metric with its cut-off resolved: what `eval` and `sweep` compute for one column.
///
/// Definitions (per member; relevant = the distinct titles the member played in test):
/// - `recall@MxN`: distinct relevant titles in the first M rows and first N columns of the grid,
///   over |relevant|. Duplicates count once; short rows leave empty slots.
/// - One-dimensional metrics read the page row by row, left to right, dropping repeats, and
///   agree with trec_eval and ranx: `precision@k` (hits in the first k over k, even when the list
///   is shorter), `recall@k` (over |relevant|), `ndcg@k` (binary gain, 1/log2(rank+1) discount,
///   ideal over min(k, |relevant|)), `map@k` (precision at each relevant rank within k, summed,
///   over |relevant|), `mrr@k` (1/rank of the first hit within k), `hit@k` (1 when any).
/// - Toolkit variants: `recall@k[lenskit]` divides by min(k, |relevant|) (LensKit's `recall`);
///   `map@k[recbole]` divides by min(k, |relevant|) (RecBole's `MAP@k`).
/// - Beyond accuracy: `duplicates` (slots on the page minus distinct titles), `short_rows` (rows
///   shorter than the page's widest row across all members), `diversity` (mean 1 − Jaccard of
///   genres over the pairs of distinct titles on the page), `novelty` (mean −log2 of the share of
///   train members who played each distinct title, at least one), `freshness` (share of the
///   distinct titles released in the 90 days up to the member's "now"), `coverage` (distinct titles
///   shown to the judged members over the catalog's size; one figure for the whole page).
/// - Formula metrics (`metric NAME = EXPR on pages`): EXPR aggregated over the cells of the
///   member's page (see `Session+FormulaMetrics.swift`).
package struct Metric: Sendable, Equatable {
  package enum Kind: String, Sendable, CaseIterable {
    case recall, precision, ndcg, map, mrr, hit, coverage, diversity, novelty, freshness, duplicates
    case shortRows = "short_rows"
    case incremental
    /// A `metric NAME = … on pages` definition, named by `formula` (never written as a kind).
    case formula = "<formula>"
  }

  /// Toolkit variants that change a normaliser.
  package enum Variant: String, Sendable {
    case lenskit, recbole
  }

  /// A page area: the first `rows` rows and the first `columns` columns.
  package struct Grid: Sendable, Equatable {
    var rows: Int
    var columns: Int

    package init(rows: Int, columns: Int) {
      self.rows = rows
      self.columns = columns
    }
  }

  package var kind: Kind
  /// `k` for one-dimensional metrics; nil for grid recall and beyond-accuracy metrics.
  package var k: Int?
  /// `M x N` for grid recall.
  package var grid: Grid?
  package var variant: Variant?
  /// The definition's name for a formula metric.
  var formula: String?

  package init(kind: Kind, k: Int? = nil, grid: Grid? = nil, variant: Variant? = nil) {
    self.kind = kind
    self.k = k
    self.grid = grid
    self.variant = variant
  }

  /// The metric of the definition `metric NAME = … on pages`.
  package init(formula name: String) {
    self.init(kind: .formula)
    formula = name
  }

  /// The column name, as the user writes it: `recall@4x5`, `ndcg@20`, `recall@10[lenskit]`.
  package var label: String {
    if let formula { return formula }
    var s = kind.rawValue
    if let grid { s += "@\(grid.rows)x\(grid.columns)" } else if let k { s += "@\(k)" }
    if let variant { s += "[\(variant.rawValue)]" }
    return s
  }

  /// Whether the figure is one per page rather than an average over members.
  package var isPageWide: Bool { kind == .coverage }

  /// Whether the metric reads a page area (`@MxN`) only, never a one-dimensional cut-off.
  package var needsGrid: Bool { kind == .incremental }

  /// Whether the metric needs a cut-off (accuracy, and the page area of `incremental`).
  package var needsCutoff: Bool {
    switch kind {
    case .recall, .precision, .ndcg, .map, .mrr, .hit, .incremental: true
    default: false
    }
  }
}
