import RecCore
import RecEngine
import RecSyntax

/// `eval`, `sweep`, `abtest` and the metrics they compute.
extension Checker {
  /// Metrics of an `eval` without a `metrics` clause.
  static let defaultMetrics = [
    Metric(kind: .recall, grid: .init(rows: 4, columns: 5)), Metric(kind: .ndcg, k: 20), Metric(kind: .coverage),
  ]

  /// The most values a `sweep` computes: each is a full reading of every member's page.
  static let sweepValues = 1_000

  /// The virtual table a formula metric is computed on: one row per cell of each judged
  /// member's page.
  static let formulaMetricTable = "pages"
  static let cellSchema = Schema([
    ("member", .int), ("row", .int), ("col", .int), ("title", .int), ("row_title", .string), ("relevant", .bool),
  ])

  /// `eval P, … on SPLIT [metrics …] [baseline P] [by SEGMENT] [per member | long] [test t|fisher]`;
  /// nil when a formula metric can only be bound once data is read.
  func check(_ e: Evaluation, at range: SourceRange) throws(Diagnostic) -> EvalPlan? {
    var names = e.pages
    if let baseline = e.baseline, !names.contains(where: { $0.text == baseline.text }) { names.insert(baseline, at: 0) }
    var pages: [PagePlan?] = []
    for name in names { pages.append(try pagePlan(name)) }
    let split = try requireSplit(e.split)
    let (metrics, formulas) = try resolve(e.metrics)
    if e.perSearch {
      throw Diagnostic(
        .expected("'per member'", found: "'per search'"), at: Formatter.wordRange("per", in: range) ?? range)
    }
    let test = try pairedTest(e.test)
    guard let formulas, !pages.contains(where: { $0 == nil }) else { return nil }
    return EvalPlan(
      pages: pages.compactMap { $0 }, split: split, metrics: metrics.isEmpty ? Self.defaultMetrics : metrics, formulas: formulas,
      baseline: e.baseline?.text, segment: try e.segment.map(segment),
      layout: e.perMember ? .perMember : e.long ? .long : .wide, test: test,
      truthMetric: zip(e.metrics, metrics).first { $0.1.kind == .incremental }.map { ($0.1.label, $0.0.range) })
  }

  /// `test t|fisher`: the paired test of a comparison with the baseline; `t` when not named.
  func pairedTest(_ name: Identifier?) throws(Diagnostic) -> PairedComparison.Test {
    guard let name else { return .t }
    guard let chosen = PairedComparison.Test(rawValue: name.text) else {
      throw Diagnostic(.unknownOption(name.text, in: "test", known: ["t", "fisher"]), at: name.range)
    }
    return chosen
  }

  /// `by member.country` or `by country`: a column of `members`.
  private func segment(_ expr: Expr) throws(Diagnostic) -> (column: String, range: SourceRange) {
    let column: String
    switch expr.kind {
    case .member(let base, let name) where { if case .name("member") = base.kind { true } else { false } }():
      column = name
    case .name(let name):
      column = name
    default:
      throw Diagnostic(.expected("a column of 'members' such as 'member.country'", after: "'by'"), at: expr.range)
    }
    guard let members = environment.schema("members") else {
      throw Diagnostic(.unknownTable("members", known: environment.tables.keys.sorted()), at: expr.range)
    }
    if let members, members.type(of: column) == nil {
      throw Diagnostic(.unknownColumn(column, in: "members", known: members.names), at: expr.range)
    }
    return (column, expr.range)
  }

  /// `sweep METRIC for V in A..B over P, … on SPLIT [to "FILE.svg"]`.
  func check(_ s: Sweep) throws(Diagnostic) -> SweepPlan? {
    var pages: [PagePlan?] = []
    for name in s.pages { pages.append(try pagePlan(name)) }
    let split = try requireSplit(s.split)
    guard case .literal(.range(let from, let to)) = s.values.kind, from <= to,
      to.subtractingReportingOverflow(from).partialValue < Self.sweepValues, from >= 0
    else {
      throw Diagnostic(
        .expected("a range of at most \(thousands(Self.sweepValues)) values such as '1..10'", after: "'in'"),
        at: s.values.range)
    }
    let values = Array(from...to)
    var metrics: [Metric] = []
    for v in values { metrics.append(try Self.resolve(s.metric, bindings: [s.variable.text: v])) }
    guard !pages.contains(where: { $0 == nil }) else { return nil }
    return SweepPlan(
      label: s.metric.name + Self.suffix(of: s.metric), metricName: s.metric.name, variable: s.variable.text,
      values: values, metrics: metrics, pages: pages.compactMap { $0 }, split: split, chart: s.output.map(filePath))
  }

  /// Both forms of `abtest`; nil when a formula metric can only be bound once data is read.
  func check(_ test: ABTest, at range: SourceRange) throws(Diagnostic) -> CheckedStatement.Kind? {
    switch test {
    case .pages(let control, let treatment, let split, let ratio, let seed, let refs):
      let (a, b) = ratio ?? (50, 50)
      guard a > 0, b > 0, a <= 1_000_000, b <= 1_000_000 else {
        throw Diagnostic(.expected("a split of two positive shares such as 50/50", after: "'split'"), at: range)
      }
      let seedValue = try seed.map { e throws(Diagnostic) in
        UInt64(try integer(e, in: 0...Int.max, expected: "a non-negative integer seed", after: "'seed'"))
      }
      let (metrics, formulas) = try resolve(refs)
      if let pageWide = zip(refs, metrics).first(where: { $0.1.isPageWide }) {
        throw Diagnostic(
          .expected("a per-member metric (coverage is a property of all pages together)"), at: pageWide.0.range)
      }
      let (controlPlan, treatmentPlan) = (try pagePlan(control), try pagePlan(treatment))
      let sides = try requireSplit(split)
      guard let formulas, let controlPlan, let treatmentPlan else { return nil }
      return .abtestPages(
        ABTestPagesPlan(
          control: controlPlan, treatment: treatmentPlan, split: sides,
          ratio: (a, b), seed: seedValue,
          metrics: metrics.isEmpty ? [Metric(kind: .recall, grid: .init(rows: 4, columns: 5))] : metrics,
          formulas: formulas))
    case .logged(let table, let group, let metric, let control, let unit):
      let schema = try requireTable(table)
      if let schema {
        for column in [group, metric] where schema.type(of: column.text) == nil {
          throw Diagnostic(.unknownColumn(column.text, in: table.text, known: schema.names), at: column.range)
        }
        if let type = schema.type(of: metric.text), ![.int, .float, .bool].contains(type) {
          throw Diagnostic(.expected("a numeric or bool metric column"), at: metric.range)
        }
      }
      var chosen: (name: String, range: SourceRange)?
      if let control {
        guard case .literal(.string(let s)) = control.kind else {
          throw Diagnostic(.expected("a group name in quotes", after: "'control'"), at: control.range)
        }
        chosen = (s, control.range)
      }
      var chosenUnit: ABTestUnit?
      if let unit {
        guard let known = ABTestUnit(rawValue: unit.text) else {
          throw Diagnostic(.unknownOption(unit.text, in: "unit", known: ABTestUnit.allCases.map(\.rawValue)), at: unit.range)
        }
        if known == .member, let schema, schema.type(of: "member") == nil {
          throw Diagnostic(.unknownColumn("member", in: table.text, known: schema.names), at: unit.range)
        }
        chosenUnit = known
      }
      return .abtestLogged(
        ABTestLoggedPlan(
          table: table.text, group: group.text, metric: metric.text, control: chosen, unit: chosenUnit,
          unitRange: unit?.range))
    }
  }

  // MARK: - Metrics

  /// The metrics `refs` name, and the plans of those that are formula metrics (`metric NAME = …
  /// on pages`); the plans are nil when a formula can only be bound once data is read.
  func resolve(_ refs: [MetricRef]) throws(Diagnostic) -> (metrics: [Metric], formulas: [FormulaMetricPlan]?) {
    var metrics: [Metric] = []
    var formulas: [FormulaMetricPlan]? = []
    for ref in refs {
      guard ref.cutoff == .none, ref.variant == nil, let d = environment.definitions[ref.name]?.metric else {
        metrics.append(try Self.resolve(ref))
        continue
      }
      guard d.table.text == Self.formulaMetricTable else {
        throw Diagnostic(.formulaMetricTable(ref.name, table: d.table.text), at: ref.range)
      }
      metrics.append(Metric(formula: ref.name))
      if let pipeline = try formulaPipeline(d) {
        formulas?.append(FormulaMetricPlan(name: ref.name, pipeline: pipeline))
      } else {
        formulas = nil
      }
    }
    return (metrics, formulas)
  }

  /// `metric NAME = EXPR on TABLE`: the table must be known; a formula on pages is bound to its
  /// cells now, so that a wrong column is reported where the metric is written.
  func check(_ m: MetricDefinition) throws(Diagnostic) {
    if m.table.text == Self.formulaMetricTable {
      _ = try formulaPipeline(m)
    } else {
      try requireTable(m.table)
    }
  }

  /// The formula of `d` grouped by member over the page cells; nil while a table it may reach
  /// (`title.…`, `member.…`) has columns known only once data is read.
  private func formulaPipeline(_ d: MetricDefinition) throws(Diagnostic) -> BoundPipeline? {
    guard environment.knowsEveryColumn else { return nil }
    let tables = environment.tables
    let binder = Binder(
      schema: { $0 == Self.formulaMetricTable ? Self.cellSchema : tables[$0] ?? nil },
      tableNames: { Array(tables.keys) + [Self.formulaMetricTable] })
    let pipeline = Pipeline(
      source: Identifier(Self.formulaMetricTable, d.table.range),
      steps: [
        Transform(
          .group(
            keys: [Binding(name: nil, expr: Expr(.name("member"), d.name.range))],
            aggregates: [Binding(name: Identifier("value", d.name.range), expr: d.formula)]),
          d.range)
      ], range: d.range)
    return try binder.bind(pipeline)
  }

  /// The largest cut-off a metric may have.
  static let largestCutoff = 1_000_000

  /// The metric a reference names, with sweep variables bound to `bindings`; errors are located
  /// at the reference: an unknown name (with a suggestion that keeps the cut-off), a missing,
  /// zero or misplaced cut-off, an unknown toolkit variant.
  static func resolve(_ ref: MetricRef, bindings: [String: Int] = [:]) throws(Diagnostic) -> Metric {
    let suffix = Self.suffix(of: ref)
    guard let kind = Metric.Kind(rawValue: ref.name), kind != .formula else {
      throw Diagnostic(
        .unknownMetric(ref.name, suffix: suffix, known: Metric.Kind.allCases.filter { $0 != .formula }.map(\.rawValue)),
        at: ref.range)
    }
    func value(_ bound: MetricRef.Bound) throws(Diagnostic) -> Int {
      let v: Int
      switch bound {
      case .value(let written):
        v = written
      case .variable(let name):
        guard let bound = bindings[name] else {
          throw Diagnostic(.expected("a number in cut-off '\(ref.name + suffix)'", found: "'\(name)'"), at: ref.range)
        }
        v = bound
      }
      guard v >= 1 else { throw Diagnostic(.cutoffTooSmall(ref.name + suffix), at: ref.range) }
      guard v <= largestCutoff else {
        throw Diagnostic(.expected("a cut-off of at most \(thousands(largestCutoff))", found: "\(v)"), at: ref.range)
      }
      return v
    }
    var metric = Metric(kind: kind)
    switch ref.cutoff {
    case .none:
      guard !metric.needsCutoff else {
        let example = metric.needsGrid ? "a page area such as '\(ref.name)@4x5'" : "a cut-off such as '\(ref.name)@20'"
        throw Diagnostic(.expected(example, after: "'\(ref.name)'"), at: ref.range)
      }
    case .k(let bound):
      guard metric.needsCutoff else { throw Diagnostic(.unexpectedCutoff(ref.name), at: ref.range) }
      guard !metric.needsGrid else {
        throw Diagnostic(.expected("a page area such as '\(ref.name)@4x5'", after: "'\(ref.name)'"), at: ref.range)
      }
      metric.k = try value(bound)
    case .grid(let rows, let columns):
      guard kind == .recall || metric.needsGrid else {
        throw Diagnostic(
          .expected(metric.needsCutoff ? "one cut-off such as '\(ref.name)@20'" : "no cut-off", after: "'\(ref.name)'"),
          at: ref.range)
      }
      metric.grid = Metric.Grid(rows: try value(rows), columns: try value(columns))
    case .percent:
      throw Diagnostic(
        .expected(metric.needsCutoff ? "a cut-off in rows such as '\(ref.name)@20'" : "no cut-off", after: "'\(ref.name)'"),
        at: ref.range)
    }
    if let written = ref.variant {
      let known: [Metric.Variant] = metric.k == nil ? [] : kind == .recall ? [.lenskit] : kind == .map ? [.recbole] : []
      guard let variant = Metric.Variant(rawValue: written), known.contains(variant) else {
        throw Diagnostic(.unknownMetricVariant(written, of: ref.name, known: known.map(\.rawValue)), at: ref.range)
      }
      metric.variant = variant
    }
    return metric
  }

  /// The cut-off and variant as written (`@4x5`, `@Mx5`, `@20[lenskit]`), for messages.
  static func suffix(of ref: MetricRef) -> String {
    func text(_ b: MetricRef.Bound) -> String {
      switch b {
      case .value(let v): String(v)
      case .variable(let name): name
      }
    }
    var s = ""
    switch ref.cutoff {
    case .none: break
    case .k(let k): s = "@" + text(k)
    case .grid(let m, let n): s = "@\(text(m))x\(text(n))"
    case .percent(let share): s = "@" + MetricRef.percentText(share)
    }
    if let variant = ref.variant { s += "[\(variant)]" }
    return s
  }
}
