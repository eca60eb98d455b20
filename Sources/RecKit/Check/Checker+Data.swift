import RecCore
import RecEngine
import RecSyntax

/// `load`, `split` and queries: the statements that make tables.
extension Checker {
  /// The most members and titles `load demo` makes: beyond them the world would not fit in
  /// memory or would take hours to draw.
  package static let demoMembers = 1...1_000_000
  static let demoTitles = 1...100_000

  mutating func check(_ load: Load, at range: SourceRange) throws(Diagnostic) -> LoadPlan {
    switch load {
    case .demo(let options):
      var (members, titles, seed) = (DemoWorld.defaultMembers, DemoWorld.defaultTitles, DemoWorld.defaultSeed)
      for (name, value) in options {
        let after = "'\(name.text)'"
        switch name.text {
        case "members":
          members = try integer(
            value, in: Self.demoMembers, expected: "a number of members from 1 to 1,000,000", after: after)
        case "titles":
          titles = try integer(
            value, in: Self.demoTitles, expected: "a number of titles from 1 to 100,000", after: after)
        default:
          seed = UInt64(try integer(value, in: 0...Int.max, expected: "a non-negative integer seed", after: after))
        }
      }
      environment.load(DemoWorld.schemas.map { ($0.0, $0.1) }, dataset: true, named: "load demo")
      environment.hasDemo = true
      return .demo(members: members, titles: titles, seed: seed)
    case .dataset(let format, let path):
      guard let dataset = LoadPlan.Dataset(rawValue: format.text) else {
        throw Diagnostic(.notAvailableYet("load \(format.text)"), at: format.range.union(path.range))
      }
      environment.load(dataset.tables, dataset: true, named: "load \(dataset.rawValue)")
      environment.hasDemo = false
      return .dataset(dataset, filePath(path))
    case .table(let name, let path, let format, let map, let missing, let types):
      var reading = ColumnReading(missing: missing.map(\.value))
      for (column, type) in types {
        guard let read = ColumnReading.typeNames[type.text] else {
          throw Diagnostic(.unknownType(type.text, known: ColumnReading.typeNames.keys.sorted()), at: type.range)
        }
        guard !reading.types.contains(where: { $0.column == column.text }) else {
          throw Diagnostic(.typeGivenTwice(column.text), at: column.range)
        }
        reading.types.append((column.text, read))
      }
      environment.load([(name.text, nil)], dataset: false, named: "load table")
      // The parser admits only the formats there are.
      return .table(
        name: name.text, filePath(path), format: format.flatMap { FileFormat(name: $0.text) },
        map: map.map { (to: $0.to.text, from: $0.from.text) }, reading: reading)
    }
  }

  mutating func check(_ split: Split) throws(Diagnostic) -> SplitPlan {
    let schema = try requireTable(split.table)
    let rule = try splitRule(split.method)
    environment.declare(split.train.text, schema, from: [split.table.text])
    environment.declare(split.test.text, schema, from: [split.table.text])
    let sides = SplitSides(source: split.table.text, train: split.train.text, test: split.test.text)
    environment.splits[split.train.text] = sides
    environment.splits[split.test.text] = sides
    return SplitPlan(
      table: split.table.text, tableRange: split.table.range, rule: rule, train: split.train.text,
      test: split.test.text)
  }

  /// The literals of a split method read: a date cut means its midnight, `last 20%` a fraction,
  /// `last 3` a count, and a random split without `seed` uses the session's seed.
  private func splitRule(_ method: Split.Method) throws(Diagnostic) -> SplitRule {
    switch method {
    case .time(let e):
      switch e.kind {
      case .literal(.date(let days)): return .time(at: days * 86400)
      case .literal(.datetime(let seconds)): return .time(at: seconds)
      default: throw Diagnostic(.expected("a date or a time", after: "'at'"), at: e.range)
      }
    case .memberLast(let e):
      switch e.kind {
      case .literal(.percent(let p)) where p > 0 && p <= 1: return .memberLastFraction(p)
      case .literal(.int(let k)) where k >= 1: return .memberLastCount(k)
      default:
        throw Diagnostic(
          .expected("a percentage above 0% and at most 100%, or a count of rows", after: "'last'"), at: e.range)
      }
    case .random(let fraction, let seedExpr):
      let p: Double
      switch fraction.kind {
      case .literal(.percent(let v)) where v > 0 && v < 1: p = v
      case .literal(.float(let v)) where v > 0 && v < 1: p = v
      default: throw Diagnostic(.expected("a percentage between 0% and 100%", after: "'random'"), at: fraction.range)
      }
      guard let seedExpr else { return .random(fraction: p, seed: seed) }
      let s = try integer(seedExpr, in: 0...Int.max, expected: "a whole number", after: "'seed'")
      return .random(fraction: p, seed: UInt64(s))
    }
  }

  /// Binds a pipeline against the tables' columns; nil when a table it may read has columns
  /// known only once data is read (then it is bound when it runs).
  func check(_ pipeline: Pipeline) throws(Diagnostic) -> BoundPipeline? {
    try requireTable(pipeline.source)
    guard environment.knowsEveryColumn else { return nil }
    return try binder.bind(pipeline)
  }

  /// A binder over the environment's tables.
  var binder: Binder {
    let tables = environment.tables
    return Binder(schema: { tables[$0] ?? nil }, tableNames: { Array(tables.keys) })
  }
}
