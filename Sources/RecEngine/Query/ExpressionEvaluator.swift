import RecCore

/// Evaluates a bound expression over a whole table at once, giving a `Column`.
///
/// Work is vectorised: each node turns into one typed array, with loops over the raw storage
/// (comparisons of a column with a constant read the `Int32` or `Double` array directly) and
/// no `Value` per row. Missing values propagate: arithmetic on a missing value is missing,
/// and a comparison with one is false.
struct ExpressionEvaluator {
  let context: QueryContext

  /// An intermediate result: a column, or one value standing for every row.
  enum Operand {
    case column(Column)
    case scalar(Value)
  }

  /// The values of `e` for every row of `table`.
  func evaluate(_ e: BoundExpr, over table: Table) throws(Diagnostic) -> Column {
    materialise(try operand(e, table), e.type, table.count)
  }

  func materialise(_ o: Operand, _ type: ColumnType, _ count: Int) -> Column {
    switch o {
    case .column(let c): c
    case .scalar(let v): Column(repeating: v, type: type, count: count)
    }
  }

  func operand(_ e: BoundExpr, _ t: Table) throws(Diagnostic) -> Operand {
    switch e.kind {
    case .column(let name):
      guard let c = t[name] else { preconditionFailure("bound column '\(name)' missing from its table") }
      return .column(c)
    case .constant(let v):
      return .scalar(v)
    case .list:
      preconditionFailure("a list literal is read only by 'in'")
    case .now:
      guard let now = context.now else { throw Diagnostic(.nowUnknown("now"), at: e.range) }
      return .scalar(.time(now))
    case .lookup(let key, let name, let column):
      let keys = try evaluate(key, over: t)
      let (target, rows) = try context.rows(of: name, byID: keys, at: key.range)
      guard let values = target[column] else { preconditionFailure("bound column '\(column)' missing from '\(name)'") }
      return .column(values.gather(orMissing: rows))
    case .midnight(let date):
      return try mapInts(operand(date, t), .time, t.count, at: e.range) { $0.multipliedReportingOverflow(by: 86400) }
    case .negate(let x):
      let o = try operand(x, t)
      if x.type == .float { return mapDoubles(o, t.count) { -$0 } }
      return try mapInts(o, x.type, t.count, at: e.range) { (0).subtractingReportingOverflow($0) }
    case .not(let x):
      let bits = bools(try operand(x, t), t.count)
      return .column(Column(type: .bool, storage: .bool(bits.map { $0 < 0 ? -1 : 1 - $0 })))
    case .isMissing(let x):
      switch try operand(x, t) {
      case .column(let c): return .column(Column(type: .bool, storage: .bool(c.missingFlags())))
      case .scalar(let v): return .scalar(.bool(v.isNull))
      }
    case .binary(let first, let links):
      // A chain, folded from the left in a loop: thousands of terms cost no depth.
      var value = try operand(first, t)
      var type = first.type
      for link in links {
        if link.leftAtMidnight {
          value = try mapInts(value, .time, t.count, at: link.range) { $0.multipliedReportingOverflow(by: 86400) }
          type = .time
        }
        value = try binary(link.op, value, type, link.operand, result: link.type, at: link.range, t)
        type = link.type
      }
      return value
    case .parameter:
      // Rows put their parameters in place before evaluating; one left is a fault in rec.
      throw Diagnostic(.unchecked("a row clause"), at: e.range)
    case .call(let function, let args):
      var columns: [Column] = []
      for a in args { columns.append(try evaluate(a, over: t)) }
      let ctx = ScalarFunction.Context(
        now: context.now, seed: context.seed, titles: function == .intent ? context.table("titles") : nil)
      return .column(try function.evaluate(columns, type: e.type, count: t.count, context: ctx, at: e.range))
    }
  }

  // MARK: - Operators

  /// `left op r`, `left` the value so far of type `lt`; the result is of type `result`, and a
  /// problem is reported at `range`.
  private func binary(
    _ op: BinaryOperator, _ left: Operand, _ lt: ColumnType, _ r: BoundExpr, result: ColumnType,
    at range: SourceRange, _ t: Table
  ) throws(Diagnostic) -> Operand {
    let n = t.count
    if op == .in, case .list(let items) = r.kind {
      return .column(Self.member(materialise(left, lt, n), of: items))
    }
    let right = try operand(r, t)
    switch op {
    case .and, .or:
      let (a, b) = (bools(left, n), bools(right, n))
      let both = op == .and
      return .column(Column(type: .bool, storage: .bool(zip(a, b).map { x, y in
        both ? (x == 1 && y == 1 ? 1 : 0) : (x == 1 || y == 1 ? 1 : 0)
      })))
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      return .column(Column(type: .bool, storage: .bool(compare(op, left, lt, right, r.type, n))))
    case .in:
      return .column(Self.contained(materialise(left, lt, n), in: materialise(right, .list, n)))
    case .within:
      guard let now = context.now else { throw Diagnostic(.nowUnknown("within"), at: range) }
      let (times, spans) = (ints(left, n), ints(right, n))
      return .column(Column(type: .bool, storage: .bool(zip(times, spans).map { t, s in
        // A span reaching past the earliest time covers every time up to now.
        let (start, overflow) = now.subtractingReportingOverflow(s)
        return t != Int.min && s != Int.min && (overflow || start <= t) && t <= now ? 1 : 0
      })))
    case .add, .subtract, .multiply, .divide, .remainder:
      if result == .float {
        let f: (Double, Double) -> Double = switch op {
        case .add: (+)
        case .subtract: (-)
        case .multiply: (*)
        case .divide: (/)
        default: { $0.truncatingRemainder(dividingBy: $1) }
        }
        return .column(Column(type: .float, storage: .float64(Self.zipped(doubles(left, n), doubles(right, n), f))))
      }
      // Integers stay exact: a result that does not fit in 64 bits (or lands on the marker of a
      // missing value) is an error at the expression; a remainder by 0 is missing.
      let f: (Int, Int) -> (partialValue: Int, overflow: Bool) = switch op {
      case .add: { $0.addingReportingOverflow($1) }
      case .subtract: { $0.subtractingReportingOverflow($1) }
      case .multiply: { $0.multipliedReportingOverflow(by: $1) }
      default: { a, b in a.remainderReportingOverflow(dividingBy: b) }
      }
      let (a, b) = (ints(left, n), ints(right, n))
      var out = [Int](repeating: Int.min, count: n)
      for i in 0..<n where a[i] != Int.min && b[i] != Int.min && (op != .remainder || b[i] != 0) {
        let (value, overflow) = f(a[i], b[i])
        guard !overflow, value != Int.min else { throw Diagnostic(.integerOverflow(range.text), at: range) }
        out[i] = value
      }
      return .column(Column(type: result, ints: out))
    }
  }

  private static func zipped(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
    [Double](unsafeUninitializedCapacity: a.count) { buffer, count in
      for i in a.indices { buffer[i] = f(a[i], b[i]) }
      count = a.count
    }
  }

  // MARK: - Views of operands

  /// Int-backed values, `Int.min` where missing.
  func ints(_ o: Operand, _ n: Int) -> [Int] {
    switch o {
    case .column(let c): c.intValues ?? [Int](repeating: Int.min, count: n)
    case .scalar(let v): [Int](repeating: v.integer ?? v.number.flatMap { Int(exactly: $0) } ?? Int.min, count: n)
    }
  }

  /// Numeric values as doubles, NaN where missing.
  func doubles(_ o: Operand, _ n: Int) -> [Double] {
    switch o {
    case .column(let c): c.doubleValues ?? [Double](repeating: .nan, count: n)
    case .scalar(let v): [Double](repeating: v.number ?? .nan, count: n)
    }
  }

  /// Bool values: 1, 0, or -1 where missing.
  func bools(_ o: Operand, _ n: Int) -> [Int8] {
    switch o {
    case .column(let c): if case .bool(let a) = c.storage { a } else { [Int8](repeating: -1, count: n) }
    case .scalar(let v): [Int8](repeating: v == .bool(true) ? 1 : v == .bool(false) ? 0 : -1, count: n)
    }
  }

  /// `f` on each present integer; one that overflows (or lands on the missing marker) is an
  /// error at `range`.
  private func mapInts(
    _ o: Operand, _ type: ColumnType, _ n: Int, at range: SourceRange, _ f: (Int) -> (partialValue: Int, overflow: Bool)
  ) throws(Diagnostic) -> Operand {
    var out = ints(o, n)
    for i in out.indices where out[i] != Int.min {
      let (value, overflow) = f(out[i])
      guard !overflow, value != Int.min else { throw Diagnostic(.integerOverflow(range.text), at: range) }
      out[i] = value
    }
    return .column(Column(type: type, ints: out))
  }

  private func mapDoubles(_ o: Operand, _ n: Int, _ f: (Double) -> Double) -> Operand {
    .column(Column(type: .float, storage: .float64(doubles(o, n).map(f))))
  }

  // MARK: - Membership

  /// `x in [a, b, …]` against constants.
  private static func member(_ column: Column, of items: [Value]) -> Column {
    let marks: [Int8]
    switch column.storage {
    case .string(let codes, let dict):
      let wanted = Set(items.compactMap { if case .string(let s) = $0 { s } else { nil } })
      let hit = dict.strings.map { wanted.contains($0) }
      marks = codes.map { $0 >= 0 && hit[Int($0)] ? 1 : 0 }
    case .float32, .float64:
      let wanted = Set(items.compactMap(\.number))
      marks = (column.doubleValues ?? []).map { wanted.contains($0) ? 1 : 0 }
    default:
      let wanted = Set(items.compactMap { $0.integer ?? $0.number.flatMap { Int(exactly: $0) } })
      marks = (column.intValues ?? []).map { $0 != Int.min && wanted.contains($0) ? 1 : 0 }
    }
    return Column(type: .bool, storage: .bool(marks))
  }

  /// `x in genres`: whether each row's string is in that row's list.
  private static func contained(_ values: Column, in lists: Column) -> Column {
    guard case .string(let codes, let dict) = values.storage,
      case .list(let offsets, let items, let listDict) = lists.storage
    else { return Column(type: .bool, storage: .bool([Int8](repeating: 0, count: values.count))) }
    let translated = dict.strings.map { listDict.code(of: $0) ?? -2 }
    var marks = [Int8](repeating: 0, count: codes.count)
    for i in codes.indices where codes[i] >= 0 {
      let wanted = translated[Int(codes[i])]
      if wanted >= 0, items[Int(offsets[i])..<Int(offsets[i + 1])].contains(wanted) { marks[i] = 1 }
    }
    return Column(type: .bool, storage: .bool(marks))
  }
}
