/// A checked pipeline: the source table and its stages with every name resolved,
/// and the schema of the result.
struct BoundPipeline: Sendable {
  var source: String
  var stages: [BoundStage]
  var schema: Schema
}

/// A named output column of `select`, `derive`, `group by` or `distinct`.
struct NamedExpr: Sendable {
  var name: String
  var expr: BoundExpr
}

/// One checked stage of a pipeline.
enum BoundStage: Sendable {
  case filter(BoundExpr)
  case select([NamedExpr])
  case derive([NamedExpr])
  /// Keys, then the aggregates computed per group (hidden columns `#0`, `#1`, …), then the
  /// named outputs evaluated over the keys and those hidden columns (`sum(seconds) / 3600`).
  case group(keys: [NamedExpr], aggregates: [BoundAggregate], outputs: [NamedExpr])
  case sort([(expr: BoundExpr, descending: Bool)])
  case take(Int)
  /// Inner equi-join; `rightColumns` are the right table's columns kept, with output names.
  case join(table: String, leftKey: BoundExpr, rightKey: String, rightColumns: [(source: String, output: String)])
  /// First row of each distinct combination of `keys`; every column when `keys` is empty.
  case distinct([NamedExpr])
}

/// One aggregate call inside `group by (…)`, such as `avg(completion)`.
struct BoundAggregate: Sendable {
  var function: AggregateFunction
  /// Nil for `count()`.
  var argument: BoundExpr?
  var type: ColumnType
  var range: SourceRange
}
