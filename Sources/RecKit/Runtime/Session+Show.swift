extension Session {
  /// `show page P for member M`, `show row R for member M`: the member's grid. In box mode each
  /// row's title, then its title names in columns; in markdown and line modes one table row per
  /// page row; in csv and json one record per cell: `row, row_title, col, title, name`.
  func show(_ what: Identifier, _ name: Identifier, member: Expr) throws(Diagnostic) {
    let id = try memberID(member)
    let grid: PageGrid
    if what.text == "row" {
      guard let statement = definitions[name.text], case .row = statement.kind else {
        throw Diagnostic(.unknownDefinition("row", name.text, known: definitionNames(of: "row")), at: name.range)
      }
      var page = PageDefinition(name: name, title: nil, range: name.range)
      page.layout = .rows([name])
      grid = try pageGrid(page, member: id, at: member.range).grid
    } else {
      guard let statement = definitions[name.text], case .page(let page) = statement.kind else {
        throw Diagnostic(.unknownDefinition("page", name.text, known: definitionNames(of: "page")), at: name.range)
      }
      if case .table = page.layout {
        let builder = try pageBuilder(name, context: showContext)
        guard let g = try builder.page(for: id) else { throw Diagnostic(.unknownMember(String(id)), at: member.range) }
        grid = g
      } else {
        grid = try pageGrid(page, member: id, at: member.range).grid
      }
    }
    if options.format == .box {
      let names = titleNames()
      let text = PageGridText(
        heading: "\(what.text) \(name.text) for member \(id)",
        rows: grid.rows.map { row in
          PageGridText.Row(title: row.title, names: row.titles.map { names[$0] ?? "#\($0)" })
        })
      write(text.render(width: options.width), .results)
      record(.table(gridTable(grid), metricColumns: []))
    } else {
      show(gridTable(grid))
    }
  }

  /// `explain page P for member M`: per candidate row its features, utility (with a model's
  /// logit terms), the rules that fired and where it went (or why it was dropped).
  func explain(_ name: Identifier, member: Expr) throws(Diagnostic) {
    let id = try memberID(member)
    guard let statement = definitions[name.text], case .page(let page) = statement.kind else {
      throw Diagnostic(.unknownDefinition("page", name.text, known: definitionNames(of: "page")), at: name.range)
    }
    let decisions = try pageGrid(page, member: id, at: member.range).decisions
    func number(_ f: @escaping (RowFeatures) -> Double) -> (Decision) -> Value {
      { d in d.features.map { .float((f($0) * 1000).rounded() / 1000) } ?? .null }
    }
    typealias Decision = HomePageBuilder.Decision
    var columns: [(String, ColumnType, (Decision) -> Value)] = [
      ("slot", .int, { $0.slot.map { .int($0) } ?? .null }),
      ("row", .string, { .string($0.definition) }),
      ("row_title", .string, { .string($0.title) }),
      ("outcome", .string, { .string($0.outcome) }),
      ("rules", .string, { .string($0.rules.joined(separator: "; ")) }),
      ("utility", .float, { $0.utility.map { .float(($0 * 1000).rounded() / 1000) } ?? .null }),
      ("relevance", .float, number(\.relevance)),
      ("freshness", .float, number(\.freshness)),
      ("popularity", .float, number(\.popularity)),
      ("novelty", .float, number(\.novelty)),
      ("similarity", .float, number(\.similarity)),
    ]
    if decisions.contains(where: { !$0.terms.isEmpty }) {
      // A model's logit, part by part: "base -1.52, relevance +0.31, position -0.08".
      columns.insert(("terms", .string, { d in
        .string(d.terms.map { "\($0.name) \($0.value < 0 ? "" : "+")\(format($0.value))" }.joined(separator: ", "))
      }), at: 6)
    }
    show(Table(columns.map { name, type, f in (name, Column(type: type, values: decisions.map(f))) }))
  }

  /// The history `show` and `explain` build from: every play, "now" the latest.
  private var showContext: PageContext {
    PageContext(plays: tables["plays"] ?? Table(), tables: Dictionary(uniqueKeysWithValues: tables.map { ($0, $1) }), now: nil)
  }

  private func pageGrid(
    _ page: PageDefinition, member id: Int, at range: SourceRange
  ) throws(Diagnostic) -> (grid: PageGrid, decisions: [HomePageBuilder.Decision]) {
    let builder = try homePageBuilder(page, context: showContext)
    guard let result = try builder.assemble(id) else { throw Diagnostic(.unknownMember(String(id)), at: range) }
    return result
  }

  private func memberID(_ e: Expr) throws(Diagnostic) -> Int {
    guard case .literal(.int(let id)) = e.kind else {
      throw Diagnostic(.expected("a member id", after: "'for member'"), at: e.range)
    }
    return id
  }

  private func definitionNames(of kind: String) -> [String] {
    definitions.filter { Checker.kindName(of: $0.value) == kind }.map(\.key)
  }

  /// The grid as a table: wide (row title, then one column per slot) for reading, long (one
  /// record per cell) for csv and json.
  func gridTable(_ grid: PageGrid) -> Table {
    let names = titleNames()
    if options.format == .csv || options.format == .json {
      var cells: [(Int, String, Int, Int)] = []
      for (r, row) in grid.rows.enumerated() {
        for (c, t) in row.titles.enumerated() { cells.append((r + 1, row.title, c + 1, t)) }
      }
      return Table([
        ("row", Column(type: .int, ints: cells.map(\.0))),
        ("row_title", Column(type: .string, values: cells.map { .string($0.1) })),
        ("col", Column(type: .int, ints: cells.map(\.2))),
        ("title", Column(type: .int, ints: cells.map(\.3))),
        ("name", Column(type: .string, values: cells.map { names[$0.3].map(Value.string) ?? .null })),
      ])
    }
    let width = grid.rows.map(\.titles.count).max() ?? 0
    var columns: [(String, Column)] = [("row", Column(type: .string, values: grid.rows.map { .string($0.title) }))]
    for c in 0..<width {
      columns.append((String(c + 1), Column(type: .string, values: grid.rows.map { row in
        c < row.titles.count ? (names[row.titles[c]].map(Value.string) ?? .string("#\(row.titles[c])")) : .null
      })))
    }
    return Table(columns)
  }

  private func titleNames() -> [Int: String] {
    guard let titles = tables["titles"], let ids = titles["id"], let names = titles["name"] else { return [:] }
    var out: [Int: String] = [:]
    for i in 0..<titles.count {
      if let id = ids.int(at: i), case .string(let s) = names.value(at: i) { out[id] = s }
    }
    return out
  }
}
