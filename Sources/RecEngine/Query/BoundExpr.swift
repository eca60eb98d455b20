import RecCore

/// An expression after binding: every name resolved to a column, a key lookup or a
/// function, every node typed. Only the binder makes these, so the evaluator never
/// meets an unknown name.
package struct BoundExpr: Sendable {
  package indirect enum Kind: Sendable {
    /// A column of the table the expression is evaluated over.
    case column(String)
    case constant(Value)
    /// The data's "now", as a time.
    case now
    /// Dotted access: the row of `table` whose `id` equals `key`, column `column` of it.
    case lookup(key: BoundExpr, table: String, column: String)
    /// A list literal of constants; only the right side of `in`.
    case list([Value])
    /// A date read as the time of its midnight, to compare or subtract with times.
    case midnight(BoundExpr)
    case negate(BoundExpr)
    case not(BoundExpr)
    /// Whether the value is missing (`x is missing`; `is not missing` is `not` of it).
    case isMissing(BoundExpr)
    /// Operands joined left to right, as the syntax chains them (one node however long).
    case binary(BoundExpr, [BoundLink])
    case call(ScalarFunction, [BoundExpr])
    /// A value given from outside the table, put in place (`substituting`) before evaluation.
    case parameter(Parameter)
  }

  /// A value a row's clause reads from outside the catalog: the member the row is built for, a
  /// field of that member, the row's loop variable.
  package enum Parameter: Sendable, Hashable {
    /// The member's id.
    case member
    /// A column of `members` for the member (`member.country`), or their `top_genres`.
    case memberField(String)
    /// The value of `for x in …`.
    case variable
  }

  package var kind: Kind
  package var type: ColumnType
  package var range: SourceRange

  package init(_ kind: Kind, _ type: ColumnType, _ range: SourceRange) {
    self.kind = kind
    self.type = type
    self.range = range
  }

  /// The expression with every parameter replaced by its value.
  func substituting(_ value: (Parameter) -> Value) -> BoundExpr {
    func go(_ e: BoundExpr) -> BoundExpr {
      let kind: Kind
      switch e.kind {
      case .parameter(let p): kind = .constant(value(p))
      case .lookup(let key, let table, let column): kind = .lookup(key: go(key), table: table, column: column)
      case .midnight(let x): kind = .midnight(go(x))
      case .negate(let x): kind = .negate(go(x))
      case .not(let x): kind = .not(go(x))
      case .isMissing(let x): kind = .isMissing(go(x))
      case .binary(let first, let links):
        kind = .binary(go(first), links.map { link in
          var link = link
          link.operand = go(link.operand)
          return link
        })
      case .call(let f, let args): kind = .call(f, args.map(go))
      case .column, .constant, .now, .list: return e
      }
      return BoundExpr(kind, e.type, e.range)
    }
    return go(self)
  }

  /// The columns of the table it is evaluated over that the expression reads, each once, with
  /// the type it was bound to.
  package var columnsRead: [(name: String, type: ColumnType)] {
    var read: [(name: String, type: ColumnType)] = []
    _ = contains { e in
      if case .column(let c) = e.kind, !read.contains(where: { $0.name == c }) { read.append((c, e.type)) }
      return false
    }
    return read
  }

  /// Whether `test` holds for this expression or any part of it.
  func contains(_ test: (BoundExpr) -> Bool) -> Bool {
    if test(self) { return true }
    switch kind {
    case .lookup(let key, _, _): return key.contains(test)
    case .midnight(let x), .negate(let x), .not(let x), .isMissing(let x): return x.contains(test)
    case .binary(let first, let links): return first.contains(test) || links.contains { $0.operand.contains(test) }
    case .call(_, let args): return args.contains { $0.contains(test) }
    case .column, .constant, .now, .list, .parameter: return false
    }
  }

  /// The key column this expression reads last, for dotted access (`member`, or `title`
  /// at the end of `x.title`); nil when it is not a plain column read.
  package var keyName: String? {
    switch kind {
    case .column(let name), .lookup(_, _, let name): name
    default: nil
    }
  }

  /// How errors name this operand: "column 'name'", or nil when it is not a column.
  package var culprit: String? {
    switch kind {
    case .column: "column '\(range.text)'"
    case .lookup: "column '\(range.text)'"
    default: nil
    }
  }
}

/// One step of a chain of binary operators: the operator, its right operand, and what the chain
/// is once the step is taken.
package struct BoundLink: Sendable {
  var op: BinaryOperator
  package var operand: BoundExpr
  /// The type of the chain up to and including this step.
  package var type: ColumnType
  /// Whether the value so far, a date, is read as the time of its midnight before this step.
  var leftAtMidnight: Bool
  /// The chain up to and including this step, where a problem with the step is reported.
  var range: SourceRange

  package init(op: BinaryOperator, operand: BoundExpr, type: ColumnType, leftAtMidnight: Bool, range: SourceRange) {
    self.op = op
    self.operand = operand
    self.type = type
    self.leftAtMidnight = leftAtMidnight
    self.range = range
  }
}

extension ColumnType {
  /// The word errors use for values of this type: "cannot add text to number".
  package var noun: String {
    switch self {
    case .int, .float: "number"
    case .string: "text"
    case .bool: "true/false"
    case .date: "date"
    case .time: "time"
    case .duration: "duration"
    case .list: "list"
    }
  }

  /// Whether the values are integers underneath (int, date, time, duration, bool).
  var isIntBacked: Bool {
    switch self {
    case .int, .date, .time, .duration, .bool: true
    default: false
    }
  }
}
