import RealModule
import RecCore

/// The scalar function library of expressions: `jaccard`, `days_since`, `log`, `exp`, `abs`,
/// `min`, `max`, `coalesce`, `random`, `year`, `len`, the casts `int`, `float`, `text`, `time`,
/// and `intent` (a search query's intent by the catalog rule, `SearchIntent`).
///
/// Functions are not the hot path of a query, so they work row by row over materialised
/// argument columns; a missing argument gives a missing result unless noted.
package enum ScalarFunction: String, CaseIterable, Sendable {
  case jaccard
  case daysSince = "days_since"
  case log, exp, abs, min, max, coalesce, random, year, len
  case int, float, text, time
  case intent

  /// The type a cast gives; nil for other functions.
  var castType: ColumnType? {
    switch self {
    case .int: .int
    case .float: .float
    case .text: .string
    case .time: .time
    default: nil
    }
  }

  /// What evaluation needs besides the arguments.
  struct Context {
    /// The data's "now" in seconds, nil when unknown.
    var now: Int?
    var seed: UInt64
    /// The `titles` table, for `intent`.
    var titles: Table? = nil
  }

  // MARK: - Checking

  /// Checks the argument count and types; returns the arguments (dates read as midnight where a
  /// time is wanted) and the result type.
  package func bind(_ args: [BoundExpr], at range: SourceRange) throws(Diagnostic) -> (args: [BoundExpr], type: ColumnType) {
    switch self {
    case .random:
      try arity(args, "no arguments", range) { $0 == 0 }
      return (args, .float)
    case .jaccard:
      try arity(args, "2 arguments", range) { $0 == 2 }
      for a in args { try expect(a, .list, "a list") }
      return (args, .float)
    case .daysSince:
      try arity(args, "1 argument", range) { $0 == 1 }
      let t = args[0].type == .date ? BoundExpr(.midnight(args[0]), .time, args[0].range) : args[0]
      try expect(t, .time, "a time")
      return ([t], .float)
    case .log, .exp:
      try arity(args, "1 argument", range) { $0 == 1 }
      try expectNumber(args[0])
      return (args, .float)
    case .abs:
      try arity(args, "1 argument", range) { $0 == 1 }
      guard [.int, .float, .duration].contains(args[0].type) else {
        throw mismatch(args[0], "a number or a duration")
      }
      return (args, args[0].type)
    case .year:
      try arity(args, "1 argument", range) { $0 == 1 }
      guard [.date, .time].contains(args[0].type) else { throw mismatch(args[0], "a date or a time") }
      return (args, .int)
    case .len:
      try arity(args, "1 argument", range) { $0 == 1 }
      try expect(args[0], .list, "a list")
      return (args, .int)
    case .intent:
      try arity(args, "1 argument", range) { $0 == 1 }
      try expect(args[0], .string, "text")
      return (args, .string)
    case .int, .float, .text, .time:
      try arity(args, "1 argument", range) { $0 == 1 }
      guard args[0].type != .list || self == .text else { throw mismatch(args[0], "a single value") }
      return (args, castType ?? .string)
    case .min, .max, .coalesce:
      try arity(args, self == .coalesce ? "at least 1 argument" : "at least 2 arguments", range) {
        $0 >= (self == .coalesce ? 1 : 2)
      }
      var type = args[0].type
      for a in args.dropFirst() where a.type != type {
        if [type, a.type].allSatisfy({ $0 == .int || $0 == .float }) {
          type = .float
        } else {
          throw mismatch(a, "a \(type.noun) like its first argument")
        }
      }
      return (args, type)
    }
  }

  private func arity(
    _ args: [BoundExpr], _ wanted: String, _ range: SourceRange, _ ok: (Int) -> Bool
  ) throws(Diagnostic) {
    guard ok(args.count) else {
      throw Diagnostic(.wrongArgumentCount(rawValue, expected: wanted, found: args.count), at: range)
    }
  }

  private func expect(_ a: BoundExpr, _ type: ColumnType, _ wanted: String) throws(Diagnostic) {
    guard a.type == type else { throw mismatch(a, wanted) }
  }

  private func expectNumber(_ a: BoundExpr) throws(Diagnostic) {
    guard a.type == .int || a.type == .float else { throw mismatch(a, "a number") }
  }

  private func mismatch(_ a: BoundExpr, _ wanted: String) -> Diagnostic {
    Diagnostic(.invalidArgument(rawValue, expects: wanted, found: a.type.noun, culprit: a.culprit), at: a.range)
  }

  // MARK: - Evaluation

  /// Evaluates the function over `count` rows of checked argument columns.
  func evaluate(
    _ args: [Column], type: ColumnType, count: Int, context: Context, at range: SourceRange
  ) throws(Diagnostic) -> Column {
    switch self {
    case .random:
      // One generator per call site, so two `random()` in a query draw independent streams.
      var rng = SeededRandom(seed: context.seed, stream: UInt64(range.bytes.lowerBound))
      return Self.floats(count) { _ in rng.uniform() }
    case .jaccard:
      return Self.floats(count) { i in Self.jaccard(args[0], args[1], i) }
    case .daysSince:
      guard let now = context.now else { throw Diagnostic(.nowUnknown(rawValue), at: range) }
      return Self.floats(count) { i in args[0].int(at: i).map { Double(now - $0) / 86400 } ?? .nan }
    case .log:
      return Self.floats(count) { i in args[0].double(at: i).map { Double.log($0) } ?? .nan }
    case .exp:
      return Self.floats(count) { i in args[0].double(at: i).map { Double.exp($0) } ?? .nan }
    case .abs:
      if type == .float { return Self.floats(count) { i in Swift.abs(args[0].double(at: i) ?? .nan) } }
      return Column(type: type, ints: (0..<count).map { i in args[0].int(at: i).map { Swift.abs($0) } ?? Int.min })
    case .year:
      let perDay = args[0].type == .time ? 86400 : 1
      return Column(type: .int, ints: (0..<count).map { i in
        guard let v = args[0].int(at: i) else { return Int.min }
        let day = v >= 0 ? v / perDay : (v - perDay + 1) / perDay
        return CivilTime.civil(days: day).year
      })
    case .len:
      guard case .list(let offsets, _, _) = args[0].storage else { return Column(type: .int, ints: []) }
      return Column(type: .int, ints: (0..<count).map { Int(offsets[$0 + 1] - offsets[$0]) })
    case .min, .max:
      let pickFirst: (Value, Value) -> Bool = self == .min ? { $0.sortsBefore($1) } : { $1.sortsBefore($0) }
      return Self.combine(args, type: type, count: count) { values in
        values.filter { !$0.isNull }.reduce(nil) { best, v in best.map { pickFirst($0, v) ? $0 : v } ?? v } ?? .null
      }
    case .coalesce:
      return Self.combine(args, type: type, count: count) { values in values.first { !$0.isNull } ?? .null }
    case .int, .float, .text, .time:
      return args[0].cast(to: type).column
    case .intent:
      guard let titles = context.titles, var rule = SearchIntent(titles: titles) else {
        throw Diagnostic(.needsCatalog(rawValue), at: range)
      }
      return Self.intents(of: args[0], count: count, rule: &rule)
    }
  }

  /// Each query's intent, found once per distinct query text.
  private static func intents(of queries: Column, count: Int, rule: inout SearchIntent) -> Column {
    var kinds = StringDictionary()
    let codes = SearchIntent.Kind.allCases.map { kinds.intern($0.rawValue) }
    guard case .string(let rows, let dict) = queries.storage else {
      return Column(type: .string, storage: .string([Int32](repeating: -1, count: count), kinds))
    }
    let byText = dict.strings.map { text -> Int32 in
      let kind = rule.classify(text)
      return codes[SearchIntent.Kind.allCases.firstIndex(of: kind) ?? 0]
    }
    return Column(type: .string, storage: .string(rows.map { $0 < 0 ? -1 : byText[Int($0)] }, kinds))
  }

  private static func floats(_ count: Int, _ f: (Int) -> Double) -> Column {
    var out = [Double]()
    out.reserveCapacity(count)
    for i in 0..<count { out.append(f(i)) }
    return Column(type: .float, storage: .float64(out))
  }

  /// Row by row over boxed values; int and float arguments meet as floats when `type` is float.
  private static func combine(
    _ args: [Column], type: ColumnType, count: Int, _ f: ([Value]) -> Value
  ) -> Column {
    let values = (0..<count).map { i in
      let v = f(args.map { column in
        let v = column.value(at: i)
        return type == .float ? (v.number.map { .float($0) } ?? .null) : v
      })
      return v
    }
    return Column(type: type, values: values)
  }

  /// |A ∩ B| / |A ∪ B| of the two lists at row `i`; 0 when both are empty.
  private static func jaccard(_ a: Column, _ b: Column, _ i: Int) -> Double {
    guard case .list(let ao, let ac, let ad) = a.storage, case .list(let bo, let bc, let bd) = b.storage else {
      return .nan
    }
    let left = Set(ac[Int(ao[i])..<Int(ao[i + 1])].map { ad[$0] })
    let right = Set(bc[Int(bo[i])..<Int(bo[i + 1])].map { bd[$0] })
    let union = left.union(right).count
    return union == 0 ? 0 : Double(left.intersection(right).count) / Double(union)
  }
}
