import RecCore
import Synchronization

/// A row's `where` condition or `order by` key, evaluated with the query engine's vectorised
/// evaluator over the catalog (one row per title, in dense title order).
///
/// The checker binds it against the catalog's columns (see `Checker.rowSpec`): `title.x` reads
/// the column `x`, the catalog has the derived columns `popularity` (plays in the history) and
/// `age` (time since release), `affinity(member, title)` is the column of the member's affinity,
/// and the member, a `members` column of the member (and `member.top_genres`) and the loop
/// variable are parameters; `uplift(NAME)` is the column of an uplift model's predictions for the
/// member (`TitleUplift`). Before evaluation the parameters become constants; a result that
/// depends on neither the member nor affinity is kept per loop value.
package final class RowExpression: Sendable {
  /// The loop variable's value and the member, the two things an expression may depend on.
  struct Bindings {
    var variable: (name: String, value: Value)?
    var member: Int
  }

  let bound: BoundExpr
  private let usesMember: Bool
  private let usesAffinity: Bool
  private let drawsRandom: Bool
  /// The catalog columns the expression reads.
  private let readsColumn: Set<String>
  /// The uplift models read as `uplift(NAME)`, with the column each is read from.
  private let uplift: [(column: String, model: TitleUplift)]
  /// Results by loop value, for expressions that depend on neither the member nor affinity.
  private let cache = Mutex<[String: [Double]]>([:])
  /// The titles where such a condition is true, by loop value.
  private let trueTitles = Mutex<[String: [Int32]]>([:])

  /// The catalog columns every row expression may read besides the `titles` columns.
  package static let derivedColumns: [(String, ColumnType)] = [
    ("title", .int), ("popularity", .int), ("age", .duration), ("affinity", .float),
  ]

  /// `bound`, whose `uplift(NAME)` columns are the predictions of the models in `uplift`.
  /// - Throws: a diagnostic where the expression names a model that `uplift` lacks (one that
  ///   failed to train).
  convenience init(_ bound: BoundExpr, uplift models: [String: TitleUplift] = [:]) throws(Diagnostic) {
    self.init(bound, uplift: try Self.upliftRead(by: bound, among: models))
  }

  /// `bound`, reading no uplift model.
  convenience init(_ bound: BoundExpr) {
    self.init(bound, uplift: [])
  }

  private init(_ bound: BoundExpr, uplift: [(column: String, model: TitleUplift)]) {
    self.bound = bound
    self.uplift = uplift
    usesMember = !uplift.isEmpty || bound.contains {
      switch $0.kind {
      case .parameter(.member), .parameter(.memberField): true
      default: false
      }
    }
    var columns: Set<String> = []
    _ = bound.contains {
      if case .column(let c) = $0.kind { columns.insert(c) }
      return false
    }
    readsColumn = columns
    drawsRandom = bound.contains { if case .call(.random, _) = $0.kind { true } else { false } }
    usesAffinity =
      uplift.contains { $0.model.readsAffinity } || bound.contains { if case .column("affinity") = $0.kind { true } else { false } }
  }

  /// The uplift models `bound` reads, each looked up in `models` by the name in its column.
  private static func upliftRead(
    by bound: BoundExpr, among models: [String: TitleUplift]
  ) throws(Diagnostic) -> [(column: String, model: TitleUplift)] {
    var read: [(column: String, range: SourceRange?)] = []
    _ = bound.contains {
      if case .column(let c) = $0.kind, TitleUplift.model(inColumn: c) != nil, !read.contains(where: { $0.column == c }) {
        read.append((c, $0.range))
      }
      return false
    }
    var found: [(column: String, model: TitleUplift)] = []
    for (column, range) in read {
      let name = TitleUplift.model(inColumn: column) ?? column
      guard let model = models[name] else {
        throw Diagnostic(.unknownDefinition("uplift", name, known: models.keys.sorted()), at: range)
      }
      found.append((column, model))
    }
    return found
  }

  /// Whether the value differs between members: it reads the member or their affinity.
  var dependsOnMember: Bool { usesMember || usesAffinity }

  /// Whether the value reads `affinity(member, title)`, and so the co-visitation neighbours.
  var readsAffinity: Bool { usesAffinity }

  /// Whether the value reads the member (`member.top_genres` reads their recent plays).
  var readsMember: Bool { usesMember }

  /// Whether this key is exactly `affinity(member, title)`, read straight from the member's view.
  var isAffinity: Bool {
    if case .column("affinity") = bound.kind { true } else { false }
  }

  /// The value of the expression for every title, as numbers (true = 1; text by sort rank).
  func evaluate(_ bindings: Bindings, view: MemberView, catalog: HomeCatalog) throws(Diagnostic) -> [Double] {
    if isAffinity { return view.affinity.map(Double.init) }
    if uplift.count == 1, case .column(let c) = bound.kind, c == uplift[0].column {
      return try uplift[0].model.scores(view, catalog: catalog)
    }
    let cacheable = !usesMember && !usesAffinity
    let key = bindings.variable?.value.text ?? ""
    if cacheable, let hit = cache.withLock({ $0[key] }) { return hit }
    let values = try evaluate(bindings, view: view, over: try catalogTable(view, catalog), catalog: catalog)
    if cacheable { cache.withLock { $0[key] = values } }
    return values
  }

  /// The value for the titles `titles` (dense numbers), in that order. A value that depends on
  /// the member is computed for those titles alone, not the whole catalog: an exposure log asks
  /// for a few titles of each of many members. So is any value over a catalog of the member's own
  /// (`ownCatalog`: an uplift model's training rows count popularity at each member's moment),
  /// which is never read from or kept in the cache.
  func evaluate(
    _ bindings: Bindings, view: MemberView, catalog: HomeCatalog, titles: [Int], ownCatalog: Bool = false
  ) throws(Diagnostic) -> [Double] {
    if isAffinity { return titles.map { Double(view.affinity[$0]) } }
    // `random()` draws by row position, so only the whole catalog gives its values.
    guard dependsOnMember || ownCatalog, !drawsRandom else {
      let all =
        ownCatalog
        ? try evaluate(bindings, view: view, over: try catalogTable(view, catalog), catalog: catalog)
        : try evaluate(bindings, view: view, catalog: catalog)
      return titles.map { all[$0] }
    }
    return try evaluate(bindings, view: view, over: catalogTable(view, catalog, titles: titles), catalog: catalog)
  }

  /// The catalog with the member's affinity and uplift columns when the expression reads them;
  /// with `titles` (dense numbers), those titles' rows, in that order, of the columns it reads.
  private func catalogTable(_ view: MemberView, _ catalog: HomeCatalog, titles: [Int]? = nil) throws(Diagnostic) -> Table {
    func rows<T>(_ all: [T]) -> [T] { titles.map { $0.map { all[$0] } } ?? all }
    var table = catalog.table
    if let titles {
      table = Table()
      // `title` always, so that the table has the titles' count when the expression reads no column.
      for (name, column) in zip(catalog.table.names, catalog.table.columns) where name == "title" || readsColumn.contains(name) {
        table.set(name, column.gather(titles))
      }
    }
    if usesAffinity { table.set("affinity", Column(type: .float, storage: .float32(rows(view.affinity)))) }
    for (column, model) in uplift {
      table.set(column, Column(type: .float, storage: .float64(rows(try model.scores(view, catalog: catalog)))))
    }
    return table
  }

  /// The expression, its parameters bound to the member and loop value, over `table`'s rows.
  private func evaluate(
    _ bindings: Bindings, view: MemberView, over table: Table, catalog: HomeCatalog
  ) throws(Diagnostic) -> [Double] {
    let index = catalog.index
    let m = bindings.member
    let expression = bound.substituting { parameter in
      switch parameter {
      case .member: .int(index.memberIDs[m])
      case .memberField("top_genres"): .list(view.topGenres(index, limit: 5).map { index.genreNames[Int($0)] })
      case .memberField(let field): index.memberValue(m, field)
      case .variable: bindings.variable?.value ?? .null
      }
    }
    let evaluator = ExpressionEvaluator(context: QueryContext(table: { _ in nil }, now: index.now, seed: catalog.seed))
    return Self.numbers(try evaluator.evaluate(expression, over: table))
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

  private init(index: HistoryIndex, table: Table, seed: UInt64) {
    (self.index, self.table, self.seed) = (index, table, seed)
  }

  /// The same catalog with `popularity` counted elsewhere (by dense title number).
  func with(popularity counts: [Int]) -> HomeCatalog {
    var table = table
    table.set("popularity", Column(type: .int, ints: counts))
    return HomeCatalog(index: index, table: table, seed: seed)
  }
}
