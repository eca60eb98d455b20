import Synchronization

/// A row's `where` condition or `order by` key, evaluated with the query engine's vectorised
/// evaluator over the catalog (one row per title, in dense title order).
///
/// Inside a row, `title` is the current title (`title.popularity` reads the column
/// `popularity`), the catalog has the derived columns `popularity` (plays in the history) and
/// `age` (time since release), `member.X` is the member's value of a `members` column (and
/// `member.top_genres` their top genres), the loop variable is its value, and
/// `affinity(member, title)` is the member's affinity. Before evaluation those names become
/// constants; a result that depends on neither the member nor affinity is kept per loop value.
final class RowExpression: Sendable {
  /// The loop variable's value and the member, the two things an expression may depend on.
  struct Bindings {
    var variable: (name: String, value: Value)?
    var member: Int
  }

  let expr: Expr
  private let usesMember: Bool
  private let usesAffinity: Bool
  /// Results by loop value, for expressions that depend on neither the member nor affinity.
  private let cache = Mutex<[String: [Double]]>([:])
  /// The titles where such a condition is true, by loop value.
  private let trueTitles = Mutex<[String: [Int32]]>([:])

  /// The catalog columns every row expression may read besides the `titles` columns.
  static let derivedColumns: [(String, ColumnType)] = [
    ("title", .int), ("popularity", .int), ("age", .duration), ("affinity", .float),
  ]

  /// Checks `e` against the schemas alone (at check time): every name must resolve.
  static func check(
    _ e: Expr, variable: String?, titles: Schema, members: Schema?, context: String
  ) throws(Diagnostic) {
    let rewritten = try rewrite(e, variable: variable.map { ($0, Value.string("")) }) { field, range throws(Diagnostic) in
      if field == "top_genres" { return .list([]) }
      guard let members else { return .string("") }
      guard let type = members.type(of: field) else {
        throw Diagnostic(.unknownColumn(field, in: "members", known: members.names + ["top_genres"]), at: range)
      }
      return placeholder(type)
    }
    let schema = Schema(titles.columns.filter { c in !derivedColumns.contains { $0.0 == c.name } } + derivedColumns)
    _ = try Binder(schema: { $0 == "titles" ? schema : nil }, tableNames: { ["titles"] })
      .bind(rewritten, in: .init(schema: schema, table: "titles"))
  }

  init(_ e: Expr) {
    expr = e
    usesMember = Self.mentions(e) { if case .name("member") = $0.kind { true } else { false } }
    usesAffinity = Self.mentions(e) { if case .call("affinity", _) = $0.kind { true } else { false } }
  }

  /// Whether the value differs between members: it reads the member or their affinity.
  var dependsOnMember: Bool { usesMember || usesAffinity }

  /// Whether the value reads `affinity(member, title)`, and so the co-visitation neighbours.
  var readsAffinity: Bool { usesAffinity }

  /// Whether the value reads the member (`member.top_genres` reads their recent plays).
  var readsMember: Bool { usesMember }

  /// Whether this key is exactly `affinity(member, title)`, read straight from the member's view.
  var isAffinity: Bool {
    if case .call("affinity", _) = expr.kind { true } else { false }
  }

  /// The value of the expression for every title, as numbers (true = 1; text by sort rank).
  func evaluate(_ bindings: Bindings, view: MemberView, catalog: HomeCatalog) throws(Diagnostic) -> [Double] {
    if isAffinity { return view.affinity.map(Double.init) }
    let cacheable = !usesMember && !usesAffinity
    let key = bindings.variable?.value.text ?? ""
    if cacheable, let hit = cache.withLock({ $0[key] }) { return hit }
    let index = catalog.index
    let m = bindings.member
    let rewritten = try Self.rewrite(expr, variable: bindings.variable) { field, _ in
      if field == "top_genres" {
        return .list(view.topGenres(index, limit: 5).map { index.genreNames[Int($0)] })
      }
      return index.memberValue(m, field)
    }
    var table = catalog.table
    if usesAffinity { table.set("affinity", Column(type: .float, storage: .float32(view.affinity))) }
    let bound = try Binder(schema: { $0 == "titles" ? Schema(of: table) : nil }, tableNames: { ["titles"] })
      .bind(rewritten, in: .init(schema: Schema(of: table), table: "titles"))
    let evaluator = ExpressionEvaluator(context: QueryContext(table: { _ in nil }, now: index.now, seed: catalog.seed))
    let values = Self.numbers(try evaluator.evaluate(bound, over: table))
    if cacheable { cache.withLock { $0[key] = values } }
    return values
  }

  /// The titles (dense numbers, ascending) for which this condition holds, when that is the
  /// same for every member; nil when it depends on the member.
  func titlesWhereTrue(_ bindings: Bindings, view: MemberView, catalog: HomeCatalog) throws(Diagnostic) -> [Int32]? {
    guard !dependsOnMember else { return nil }
    let key = bindings.variable?.value.text ?? ""
    if let hit = trueTitles.withLock({ $0[key] }) { return hit }
    let values = try evaluate(bindings, view: view, catalog: catalog)
    let titles = values.indices.filter { values[$0] == 1 }.map { Int32($0) }
    trueTitles.withLock { $0[key] = titles }
    return titles
  }

  /// Numbers for sorting and filtering: missing is NaN, text becomes its rank in sorted order.
  private static func numbers(_ c: Column) -> [Double] {
    switch c.storage {
    case .string(let codes, let dict):
      let rank = dict.strings.enumerated().sorted { $0.element < $1.element }.map(\.offset)
      var position = [Double](repeating: 0, count: dict.count)
      for (r, code) in rank.enumerated() { position[code] = Double(r) }
      return codes.map { $0 < 0 ? .nan : position[Int($0)] }
    case .bool(let bits):
      return bits.map { $0 < 0 ? .nan : Double($0) }
    default:
      return (0..<c.count).map { c.double(at: $0) ?? .nan }
    }
  }

  // MARK: - Rewriting

  private static func placeholder(_ type: ColumnType) -> Value {
    switch type {
    case .int: .int(0)
    case .float: .float(0)
    case .bool: .bool(false)
    case .string: .string("")
    case .date: .date(0)
    case .time: .time(0)
    case .duration: .duration(0)
    case .list: .list([])
    }
  }

  private static func literal(_ v: Value, _ range: SourceRange) -> Expr {
    switch v {
    case .null: Expr(.literal(.string("")), range)
    case .int(let x): Expr(.literal(.int(x)), range)
    case .float(let x): Expr(.literal(.float(x)), range)
    case .bool(let b): Expr(.literal(.bool(b)), range)
    case .string(let s): Expr(.literal(.string(s)), range)
    case .date(let d): Expr(.literal(.date(d)), range)
    case .time(let t): Expr(.literal(.datetime(t)), range)
    case .duration(let d): Expr(.literal(.duration(d)), range)
    case .list(let items): Expr(.list(items.map { Expr(.literal(.string($0)), range) }), range)
    }
  }

  /// `e` with the row's names replaced: `title.x` → `x`, `member.x` → its value, the loop
  /// variable → its value, `affinity(member, title)` → the column `affinity`.
  private static func rewrite(
    _ e: Expr, variable: (name: String, value: Value)?,
    member: (String, SourceRange) throws(Diagnostic) -> Value
  ) throws(Diagnostic) -> Expr {
    func go(_ e: Expr) throws(Diagnostic) -> Expr {
      switch e.kind {
      case .name(let n) where n == variable?.name:
        return literal(variable!.value, e.range)
      case .name("member"):
        return literal(try member("id", e.range), e.range)
      case .member(let base, let field):
        if case .name("title") = base.kind { return Expr(.name(field), e.range) }
        if case .name("member") = base.kind { return literal(try member(field, e.range), e.range) }
        return Expr(.member(try go(base), field), e.range)
      case .call("affinity", _):
        return Expr(.name("affinity"), e.range)
      case .unary(let op, let x):
        return Expr(.unary(op, try go(x)), e.range)
      case .binary(let op, let l, let r):
        return Expr(.binary(op, try go(l), try go(r)), e.range)
      case .call(let f, let args):
        var out: [Argument] = []
        for a in args { out.append(Argument(label: a.label, value: try go(a.value))) }
        return Expr(.call(f, out), e.range)
      case .list(let items):
        var out: [Expr] = []
        for i in items { out.append(try go(i)) }
        return Expr(.list(out), e.range)
      default:
        return e
      }
    }
    return try go(e)
  }

  private static func mentions(_ e: Expr, _ test: (Expr) -> Bool) -> Bool {
    if test(e) { return true }
    switch e.kind {
    case .member(let b, _), .unary(_, let b): return mentions(b, test)
    case .binary(_, let l, let r): return mentions(l, test) || mentions(r, test)
    case .call(_, let args): return args.contains { mentions($0.value, test) }
    case .list(let items): return items.contains { mentions($0, test) }
    default: return false
    }
  }
}

/// The catalog as row expressions see it: the `titles` columns in dense title order plus
/// `title`, `popularity` and `age`.
struct HomeCatalog: Sendable {
  let index: HistoryIndex
  let table: Table
  let seed: UInt64

  init(index: HistoryIndex, seed: UInt64) {
    self.index = index
    self.seed = seed
    var table = Table()
    for (name, column) in zip(index.titlesTable.names, index.titlesTable.columns)
    where !RowExpression.derivedColumns.contains(where: { $0.0 == name }) {
      table.set(name, column.gather(orMissing: index.catalogRow))
    }
    table.set("title", Column(type: .int, ints: index.titleIDs))
    table.set("popularity", Column(type: .int, ints: index.playCount.map(Int.init)))
    table.set("age", Column(type: .duration, ints: index.released.map { $0 == Int.min ? Int.min : index.now - $0 * 86400 }))
    self.table = table
  }
}
