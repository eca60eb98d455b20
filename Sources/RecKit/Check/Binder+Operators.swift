import RecCore
import RecEngine
import RecSyntax

/// Typing of operators and calls: which operand types combine, and the Lua-style errors
/// that name the culprit ("cannot add text to number (column 'name')").
extension Binder {
  /// A chain `a op b op c …`, step by step from the left: each step is typed as a binary operator
  /// on the value so far and the next operand.
  func bindChain(
    _ first: Expr, _ links: [BinaryLink], in scope: Scope, group: GroupContext?, at whole: SourceRange
  ) throws(Diagnostic) -> BoundExpr {
    let head = try bind(first, in: scope, group: group)
    var left = head
    var bound: [BoundLink] = []
    bound.reserveCapacity(links.count)
    for link in links {
      // The chain so far: from its start to this operand's end.
      let end = link.operand.range
      let range =
        end.file === whole.file && end.bytes.upperBound <= whole.bytes.upperBound
        ? SourceRange(file: whole.file, bytes: whole.bytes.lowerBound..<max(whole.bytes.lowerBound, end.bytes.upperBound))
        : whole
      let step = try bindStep(link.op, left, link.operand, in: scope, group: group, at: range)
      bound.append(step)
      // What the next step sees of the value so far: its type and where it is written.
      left = BoundExpr(.constant(.null), step.type, range)
    }
    return BoundExpr(.binary(head, bound), bound.last?.type ?? head.type, whole)
  }

  /// One step of a chain: `left op r`, `left` the value so far.
  private func bindStep(
    _ op: BinaryOperator, _ left: BoundExpr, _ r: Expr, in scope: Scope, group: GroupContext?, at range: SourceRange
  ) throws(Diagnostic) -> BoundLink {
    var left = left
    if op == .in, case .list(let items) = r.kind {
      let list = try bindMembership(left, items, listRange: r.range)
      return BoundLink(op: .in, operand: list, type: .bool, leftAtMidnight: false, range: range)
    }
    var right = try bind(r, in: scope, group: group)
    var leftAtMidnight = false
    // A date meets a time (or a span of time) at its midnight.
    if left.type == .date, [.time, .duration].contains(right.type) || (op == .subtract && right.type == .date) {
      left = BoundExpr(.midnight(left), .time, left.range)
      leftAtMidnight = true
    }
    if right.type == .date, left.type == .time || (op == .subtract && left.type == .time) {
      right = BoundExpr(.midnight(right), .time, right.range)
    }
    let lt = left.type
    let rt = right.type
    let type: ColumnType?
    switch op {
    case .and, .or:
      for side in [left, right] where side.type != .bool {
        throw Diagnostic(.invalidOperands("use \(side.type.noun) as a true/false condition", culprit: side.culprit), at: side.range)
      }
      type = .bool
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      type = (lt == rt && lt != .list) || (isNumber(lt) && isNumber(rt)) ? .bool : nil
    case .in:
      type = rt == .list && lt == .string ? .bool : nil
    case .within:
      if left.type == .date {
        left = BoundExpr(.midnight(left), .time, left.range)
        leftAtMidnight = true
      }
      type = left.type == .time && rt == .duration ? .bool : nil
    case .add, .subtract, .multiply, .divide, .remainder:
      type = arithmeticType(op, lt, rt)
    }
    guard let type else {
      let culprit = isNumber(lt) && !isNumber(rt) ? right : !isNumber(lt) && isNumber(rt) ? left : right
      throw Diagnostic(.invalidOperands(phrase(op, lt, rt), culprit: culprit.culprit), at: culprit.range)
    }
    return BoundLink(op: op, operand: right, type: type, leftAtMidnight: leftAtMidnight, range: range)
  }

  private func isNumber(_ t: ColumnType) -> Bool { t == .int || t == .float }

  /// The result type of arithmetic on `lt` and `rt`, nil when they do not combine.
  private func arithmeticType(_ op: BinaryOperator, _ lt: ColumnType, _ rt: ColumnType) -> ColumnType? {
    if isNumber(lt) && isNumber(rt) {
      return op == .divide || lt == .float || rt == .float ? .float : .int
    }
    switch (op, lt, rt) {
    case (.add, .time, .duration), (.subtract, .time, .duration), (.add, .duration, .time): return .time
    case (.subtract, .time, .time), (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
    case (.multiply, .duration, .int), (.multiply, .int, .duration): return .duration
    case (.divide, .duration, .duration): return .float
    default: return nil
    }
  }

  /// "add text to number": the operation as an error names it.
  private func phrase(_ op: BinaryOperator, _ lt: ColumnType, _ rt: ColumnType) -> String {
    let (l, r) = (lt.noun, rt.noun)
    switch op {
    case .add: return "add \(r) to \(l)"
    case .subtract: return "subtract \(r) from \(l)"
    case .multiply: return "multiply \(l) by \(r)"
    case .divide: return "divide \(l) by \(r)"
    case .remainder: return "take the remainder of \(l) by \(r)"
    case .in: return "look for \(l) in \(r)"
    case .within: return "test whether \(l) lies within \(r)"
    default: return "compare \(l) with \(r)"
    }
  }

  /// `x in [a, b]`: the list holds constants of the left side's type (numbers mix).
  private func bindMembership(
    _ left: BoundExpr, _ items: [Expr], listRange: SourceRange
  ) throws(Diagnostic) -> BoundExpr {
    var values: [Value] = []
    for item in items {
      let b = try bind(item, in: Scope(schema: Schema([]), table: "list"))
      guard case .constant(let v) = b.kind else {
        throw Diagnostic(.expected("a constant in the list", found: "'\(item.range.text)'"), at: item.range)
      }
      guard b.type == left.type || (isNumber(b.type) && isNumber(left.type)) else {
        throw Diagnostic(.invalidOperands(phrase(.in, left.type, b.type), culprit: left.culprit), at: item.range)
      }
      values.append(v)
    }
    return BoundExpr(.list(values), .list, listRange)
  }

  // MARK: - Calls

  func bindCall(
    _ name: String, _ args: [Argument], in scope: Scope, group: GroupContext?, at range: SourceRange
  ) throws(Diagnostic) -> BoundExpr {
    if let label = args.compactMap(\.label).first {
      throw Diagnostic(.invalidArgument(name, expects: "plain arguments", found: "'\(label.text):'", culprit: nil), at: label.range)
    }
    let scalar = ScalarFunction(rawValue: name)
    let aggregate = AggregateFunction(name: name)
    // `min(x)` and `max(x)` aggregate; with several arguments they compare values.
    if let aggregate, scalar == nil || args.count == 1 {
      guard let group else { throw Diagnostic(.aggregateOutsideGroup(name), at: range) }
      return try bindAggregate(aggregate, args, group: group, at: range)
    }
    guard let scalar else {
      let known = ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.names
      throw Diagnostic(.unknownFunction(name, known: known), at: range)
    }
    var bound: [BoundExpr] = []
    for a in args { bound.append(try bind(a.value, in: scope, group: group)) }
    let (checked, type) = try scalar.bind(bound, at: range)
    return BoundExpr(.call(scalar, checked), type, range)
  }

  private func bindAggregate(
    _ function: AggregateFunction, _ args: [Argument], group: GroupContext, at range: SourceRange
  ) throws(Diagnostic) -> BoundExpr {
    guard args.count == 1 || (function == .count && args.isEmpty) else {
      let wanted = function == .count ? "0 or 1 argument" : "1 argument"
      throw Diagnostic(.wrongArgumentCount(function.name, expected: wanted, found: args.count), at: range)
    }
    // Aggregates read the input rows; an aggregate inside an aggregate is outside any group.
    let argument = try args.first.map { a throws(Diagnostic) in try bind(a.value, in: group.input) }
    guard let type = function.resultType(argument?.type) else {
      let t = argument?.type ?? .list
      throw Diagnostic(
        .invalidArgument(function.name, expects: "numbers", found: t.noun, culprit: argument?.culprit),
        at: argument?.range ?? range)
    }
    let hidden = "#\(group.aggregates.count)"
    group.aggregates.append(BoundAggregate(function: function, argument: argument, type: type, range: range))
    return BoundExpr(.column(hidden), type, range)
  }
}
