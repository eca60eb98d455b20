@testable import RecCore
@testable import RecEngine
@testable import RecKit
@testable import RecSyntax

// Small builders for AST values, so tests can make pipelines without the parser.
// Every node gets a range: `nowhere` by default, or a real span of a `Marked` source
// when a test asserts where a diagnostic points.

/// A source line for tests that check locations: `src["completon"]` is the range of the
/// first occurrence of that text.
struct Marked {
  let file: SourceFile

  init(_ text: String) { file = SourceFile(name: "<test>", text: text) }

  subscript(_ needle: String) -> SourceRange {
    let bytes = file.bytes
    let n = Array(needle.utf8)
    for start in 0...(bytes.count - n.count) where Array(bytes[start..<start + n.count]) == n {
      return SourceRange(file: file, bytes: start..<start + n.count)
    }
    preconditionFailure("'\(needle)' not in '\(file.text)'")
  }
}

let nowhere = SourceRange(file: SourceFile(name: "<test>", text: ""), bytes: 0..<0)

func col(_ name: String, at range: SourceRange = nowhere) -> Expr { Expr(.name(name), range) }
func dot(_ base: Expr, _ field: String, at range: SourceRange = nowhere) -> Expr { Expr(.member(base, field), range) }
func int(_ v: Int, at range: SourceRange = nowhere) -> Expr { Expr(.literal(.int(v)), range) }
func float(_ v: Double) -> Expr { Expr(.literal(.float(v)), nowhere) }
func percent(_ v: Double) -> Expr { Expr(.literal(.percent(v)), nowhere) }
func str(_ v: String) -> Expr { Expr(.literal(.string(v)), nowhere) }
func duration(_ seconds: Int) -> Expr { Expr(.literal(.duration(seconds)), nowhere) }
func date(_ y: Int, _ m: Int, _ d: Int) -> Expr { Expr(.literal(.date(CivilTime.days(year: y, month: m, day: d))), nowhere) }
func datetime(_ text: String) -> Expr { Expr(.literal(.datetime(seconds(text))), nowhere) }
func list(_ items: Expr...) -> Expr { Expr(.list(items), nowhere) }

func call(_ name: String, _ args: Expr..., at range: SourceRange = nowhere) -> Expr {
  Expr(.call(name, args.map { Argument(label: nil, value: $0) }), range)
}

func bin(_ op: BinaryOperator, _ l: Expr, _ r: Expr, at range: SourceRange = nowhere) -> Expr {
  Expr(.binary(l, [BinaryLink(op, r)]), range)
}

func not(_ e: Expr) -> Expr { Expr(.unary(.not, e), nowhere) }
func neg(_ e: Expr) -> Expr { Expr(.unary(.negate, e), nowhere) }

/// `name = expr`, or a bare expression when `name` is nil.
func named(_ name: String?, _ e: Expr) -> Binding {
  Binding(name: name.map { Identifier($0, nowhere) }, expr: e)
}

func asc(_ e: Expr) -> SortKey { SortKey(expr: e, descending: false) }
func desc(_ e: Expr) -> SortKey { SortKey(expr: e, descending: true) }

func ident(_ text: String, at range: SourceRange = nowhere) -> Identifier { Identifier(text, range) }

/// `from source | steps…`
func pipe(_ source: String, _ steps: Transform.Kind..., at range: SourceRange = nowhere) -> Pipeline {
  Pipeline(source: Identifier(source, range), steps: steps.map { Transform($0, nowhere) }, range: nowhere)
}

/// Seconds since 1970 of `2026-06-01T18:30`.
func seconds(_ text: String) -> Int {
  let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0)! }
  return CivilTime.days(year: parts[0], month: parts[1], day: parts[2]) * 86400 + parts[3] * 3600 + parts[4] * 60
}

// MARK: - The tiny dataset


/// The contract's tiny dataset (`contract/tiny`), built by hand.
enum TinyData {
  static let plays: Table = {
    let rows: [(Int, Int, String, Double)] = [
      (1, 1, "2026-03-02T20:00", 1.0), (1, 4, "2026-04-11T21:30", 0.4), (1, 2, "2026-05-01T19:00", 0.95),
      (2, 5, "2026-02-10T22:00", 1.0), (2, 6, "2026-05-05T18:00", 0.2), (3, 1, "2026-01-20T20:00", 1.0),
      (3, 2, "2026-04-01T20:00", 0.7), (4, 3, "2026-05-15T20:00", 1.0), (1, 3, "2026-06-02T20:00", 1.0),
      (1, 7, "2026-06-04T21:00", 0.5), (1, 9, "2026-06-10T17:00", 1.0), (2, 2, "2026-06-03T20:00", 0.3),
      (2, 2, "2026-06-04T20:00", 1.0), (3, 5, "2026-06-01T09:00", 1.0), (3, 6, "2026-06-05T10:00", 0.8),
      (3, 8, "2026-06-07T11:00", 1.0), (3, 10, "2026-06-20T12:00", 0.6),
    ]
    return Table([
      ("member", Column(type: .int, ints: rows.map(\.0))),
      ("title", Column(type: .int, ints: rows.map(\.1))),
      ("at", Column(type: .time, ints: rows.map { seconds($0.2) })),
      ("completion", Column(type: .float, storage: .float64(rows.map(\.3)))),
    ])
  }()

  static let titles: Table = {
    let names = [
      "The Long Night", "Laughs, Inc.", "Orbit", "The Quiet Field", "Harbor Lights", "Blue Circuit",
      "Kitchen Wars", "Northbound", "Paper Moons", "Glass House",
    ]
    let kinds = ["movie", "series", "movie", "movie", "series", "movie", "series", "movie", "movie", "series"]
    let genres: [[String]] = [
      ["Drama", "Thriller"], ["Comedy"], ["Sci-Fi", "Drama"], ["Drama"], ["Romance", "Drama"],
      ["Sci-Fi", "Action"], ["Comedy", "Reality"], ["Action", "Thriller"], ["Animation", "Family"],
      ["Thriller", "Drama"],
    ]
    let released = [
      (2019, 3, 1), (2021, 7, 15), (2020, 11, 20), (2018, 5, 4), (2022, 2, 14), (2023, 9, 9), (2024, 1, 12),
      (2025, 12, 1), (2026, 4, 30), (2026, 5, 20),
    ]
    return Table([
      ("id", Column(type: .int, ints: Array(1...10))),
      ("name", Column(type: .string, values: names.map { .string($0) })),
      ("kind", Column(type: .string, values: kinds.map { .string($0) })),
      ("genres", Column(type: .list, values: genres.map { .list($0) })),
      ("year", Column(type: .int, ints: released.map(\.0))),
      ("released", Column(type: .date, ints: released.map { CivilTime.days(year: $0.0, month: $0.1, day: $0.2) })),
    ])
  }()

  static let members = Table([
    ("id", Column(type: .int, ints: [1, 2, 3, 4])),
    ("country", Column(type: .string, values: ["US", "US", "BR", "BR"].map { .string($0) })),
  ])

  static let tables = ["plays": plays, "titles": titles, "members": members]

  /// Binds `p` against the columns of `tables` (the tiny data by default), as the checker does.
  static func bind(_ p: Pipeline, _ tables: [String: Table] = tables) throws(Diagnostic) -> BoundPipeline {
    try Binder(schema: { tables[$0].map(Schema.init(of:)) }, tableNames: { tables.keys.sorted() }).bind(p)
  }

  /// Binds and runs `p` over `tables`, never interrupted.
  static func run(_ p: Pipeline, _ tables: [String: Table] = tables, now: Int? = nil) throws(Diagnostic) -> Table {
    try QueryEngine(table: { tables[$0] }, now: now, seed: 7).run(try bind(p, tables), cancellation: .never)
  }
}

extension Table {
  /// The values of column `name`, boxed, for assertions.
  func values(_ name: String) -> [Value] {
    guard let c = self[name] else { return [] }
    return (0..<count).map { c.value(at: $0) }
  }
}
