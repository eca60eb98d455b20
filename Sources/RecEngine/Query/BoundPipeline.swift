import RecCore

/// A checked pipeline: the source table and its stages with every name resolved,
/// and the schema of the result.
package struct BoundPipeline: Sendable {
  package var source: String
  package var stages: [BoundStage]
  package var schema: Schema

  package init(source: String, stages: [BoundStage], schema: Schema) {
    self.source = source
    self.stages = stages
    self.schema = schema
  }
}

/// A named output column of `select`, `derive`, `group by` or `distinct`.
package struct NamedExpr: Sendable {
  package var name: String
  package var expr: BoundExpr

  package init(name: String, expr: BoundExpr) {
    self.name = name
    self.expr = expr
  }
}

/// One checked stage of a pipeline.
package enum BoundStage: Sendable {
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
package struct BoundAggregate: Sendable {
  package var function: AggregateFunction
  /// Nil for `count()`.
  package var argument: BoundExpr?
  var type: ColumnType
  var range: SourceRange

  package init(function: AggregateFunction, argument: BoundExpr?, type: ColumnType, range: SourceRange) {
    self.function = function
    self.argument = argument
    self.type = type
    self.range = range
  }
}
