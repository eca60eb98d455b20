import RecCore

/// A row definition as the engine builds it: its source, loop, clauses and title read and
/// checked (by the checker, against the catalog's columns), nothing left to resolve by name.
package struct RowSpec: Sendable {
  var name: String
  /// The title a member sees; nil shows the row's name.
  package var title: RowTitleTemplate?
  /// `for x in …`: the variable's name and what it runs over.
  var expansion: (variable: String, over: RowPlan.Expansion)?
  var source: RowSource.Spec
  /// `where`: a condition over the catalog (see `RowExpression`).
  package var filter: BoundExpr?
  /// `order by`: keys over the catalog, each ascending or descending.
  package var order: [(key: BoundExpr, descending: Bool)]
  package var excludeWatched: Bool
  package var excludeShown: Bool
  /// `exclude TABLE`: titles of these tables (per member when the table has a `member` column).
  package var excludeTables: [(name: String, range: SourceRange)]
  package var limit: Int?

  package init(
    name: String, title: RowTitleTemplate?, expansion: (variable: String, over: RowPlan.Expansion)?,
    source: RowSource.Spec, filter: BoundExpr?, order: [(key: BoundExpr, descending: Bool)], excludeWatched: Bool,
    excludeShown: Bool, excludeTables: [(name: String, range: SourceRange)], limit: Int?
  ) {
    self.name = name
    self.title = title
    self.expansion = expansion
    self.source = source
    self.filter = filter
    self.order = order
    self.excludeWatched = excludeWatched
    self.excludeShown = excludeShown
    self.excludeTables = excludeTables
    self.limit = limit
  }
}

extension RowSource {
  /// A source as a row names it, its arguments read: what a source ranks once the history is
  /// indexed.
  package enum Spec: Sendable, Equatable {
    case continueWatching(min: Float, max: Float)
    /// In the window before now (every play without one), per value of a `members` column with `by`.
    case popular(window: Int?, by: String?)
    case trending(window: Int)
    case newReleases(within: Int)
    /// `titles`: the catalog, by id.
    case catalog
    case similar(NeighbourIndex.Kind)
    case topPicks
  }
}

/// The title a member sees on a row, with `{…}` parts to fill in for the member and the row's
/// loop value.
package struct RowTitleTemplate: Sendable, Equatable {
  package enum Part: Sendable, Equatable {
    case text(String)
    /// `{genre}`: the loop variable's value.
    case variable
    /// `{member}`: the member's id.
    case member
    /// `{member.country}`: a column of `members`.
    case memberField(String)
    /// `{seed.name}`: a column of `titles` for the loop's seed title.
    case seedField(String)
  }

  var parts: [Part]

  package init(parts: [Part]) {
    self.parts = parts
  }
}
