/// The tables `eval` shows: one row per page or search ranker (and segment) with a column per
/// metric, plus the paired comparison with a baseline; the same figures one row per metric
/// (`long`); or one row per page, member and metric (`per member`).
package enum EvaluationTable {
  /// Each judged member's segment value, parallel to `Judge.members`.
  package struct Segments {
    var name: String
    var type: ColumnType
    var values: [Value]

    package init(name: String, type: ColumnType, values: [Value]) {
      self.name = name
      self.type = type
      self.values = values
    }
  }

  /// What an `eval` compares, and over what: the pages (or search rankers) by name, the judged
  /// units (members, or searches) their per-unit scores run over, and how a page-wide metric
  /// (coverage) is figured for one of them over some units.
  package struct Subjects {
    var names: [String]
    /// The first column's name: `page` or `ranker`.
    var kind: String
    /// The judged units, parallel to each subject's scores: what the means are summed and the
    /// sign flips keyed by.
    var units: [BucketOrder.Unit]
    /// The column counting the units: `members` or `searches`.
    var unitName: String
    var pageWide: (_ subject: Int, _ metric: Metric, _ units: [Int]) -> Double

    package init(
      names: [String], kind: String, units: [BucketOrder.Unit], unitName: String,
      pageWide: @escaping (_ subject: Int, _ metric: Metric, _ units: [Int]) -> Double = { _, _, _ in 0 }
    ) {
      self.names = names
      self.kind = kind
      self.units = units
      self.unitName = unitName
      self.pageWide = pageWide
    }

    /// Pages judged over the members of `judge`.
    package init(pages: [PageScores], judge: Judge) {
      self.init(names: pages.map(\.name), kind: "page", units: judge.members.map(BucketOrder.Unit.init(member:)), unitName: "members") { p, _, members in
        Metric.coverage(of: members.map { pages[p].grids[$0] }, judge: judge)
      }
    }
  }

  /// A summary table and the columns that hold metric figures (4 decimals in box mode).
  package struct Summary {
    package var table: Table
    package var metricColumns: Set<String>
  }

  /// Every metric's figure per subject (and segment), compared with `baseline` when there is
  /// one: a column per metric, or with `long` a row per metric. `scores[s][m]` holds metric `m`'s
  /// value for every judged unit of subject `s`.
  package static func summary(
    _ subjects: Subjects, scores: [[[Double]]], metrics: [Metric], baseline: String?,
    test: PairedComparison.Test, seed: UInt64, segments: Segments?, long: Bool
  ) -> Summary {
    let base = baseline.flatMap { b in subjects.names.firstIndex(of: b) }
    let figures = figures(subjects, scores: scores, metrics: metrics, base: base, test: test, seed: seed, segments: segments)
    return long
      ? Self.long(figures, subjects: subjects, segments: segments, compared: base != nil)
      : wide(figures, subjects: subjects, metrics: metrics.map(\.label), segments: segments, compared: base != nil)
  }

  /// One metric's figure for one subject over one segment's units, and with a baseline its
  /// comparison: nil on the baseline itself; only a difference for a page-wide metric or a
  /// segment of one unit, which have no paired test.
  struct Figure {
    struct Comparison {
      var difference: Double
      var low: Double?
      var high: Double?
      var p: Double?
      var significant = false
    }

    var page: String
    var segment: Value
    var units: Int
    var metric: String
    var value: Double
    var comparison: Comparison?
  }

  /// The figures of every segment, subject and metric, in that order (segments sorted by value),
  /// and whether each difference is significant at 5% after Holm–Bonferroni across every
  /// comparison of the statement. Coverage is one figure per page: it has a difference but no
  /// paired test. `base` indexes the baseline subject; comparisons pair by unit.
  static func figures(
    _ subjects: Subjects, scores: [[[Double]]], metrics: [Metric], base: Int?, test: PairedComparison.Test,
    seed: UInt64, segments: Segments?
  ) -> [Figure] {
    let groups: [(value: Value, members: [Int])]
    if let segments {
      var byValue: [Value: [Int]] = [:]
      for (i, v) in segments.values.enumerated() { byValue[v, default: []].append(i) }
      groups = byValue.sorted { CellFormatter.csv($0.key) < CellFormatter.csv($1.key) }.map { ($0.key, $0.value) }
    } else {
      groups = [(.null, Array(subjects.units.indices))]
    }
    // A mean sums its units along their bucket tree, so that it does not depend on their order.
    func figure(_ m: Int, subject p: Int, units: [Int], order: BucketOrder) -> Double {
      let metric = metrics[m]
      if metric.isPageWide { return subjects.pageWide(p, metric, units) }
      return units.isEmpty ? 0 : order.sum { scores[p][m][units[$0]] } / Double(units.count)
    }
    var figures: [Figure] = []
    var tested: [(figure: Int, p: Double)] = []
    for group in groups {
      let units = group.members.map { subjects.units[$0] }
      let order = BucketOrder(units)
      for (p, name) in subjects.names.enumerated() {
        for (m, metric) in metrics.enumerated() {
          let value = figure(m, subject: p, units: group.members, order: order)
          var comparison: Figure.Comparison?
          if let base, p != base {
            let reference = figure(m, subject: base, units: group.members, order: order)
            if metric.isPageWide || group.members.count < 2 {
              comparison = Figure.Comparison(difference: value - reference)
            } else {
              let c = PairedComparison(
                group.members.map { scores[p][m][$0] }, baseline: group.members.map { scores[base][m][$0] },
                units: units, test: test, seed: seed)
              tested.append((figures.count, c.p))
              comparison = Figure.Comparison(
                difference: c.difference, low: c.low, high: c.high, p: c.p.isNaN ? nil : c.p)
            }
          }
          figures.append(
            Figure(
              page: name, segment: group.value, units: group.members.count, metric: metric.label, value: value,
              comparison: comparison))
        }
      }
    }
    for (t, isSignificant) in zip(tested, PairedComparison.holm(tested.map(\.p))) where isSignificant {
      figures[t.figure].comparison?.significant = true
    }
    return figures
  }

  /// `eval … per member`: columns `page`, `member`, `metric`, `value`, one row per page, judged
  /// member and per-member metric (coverage, a page-wide figure, is left out).
  package static func perMember(pages: [PageScores], scores: [[[Double]]], metrics: [Metric], judge: Judge) -> Table {
    var page: [Value] = []
    var member: [Int] = []
    var metric: [Value] = []
    var value: [Value] = []
    for (p, values) in zip(pages, scores) {
      for (m, xs) in zip(metrics, values) where !m.isPageWide {
        page += Array(repeating: .string(p.name), count: xs.count)
        member += judge.members
        metric += Array(repeating: .string(m.label), count: xs.count)
        value += xs.map(Value.float)
      }
    }
    return Table([
      ("page", Column(type: .string, values: page)), ("member", Column(type: .int, ints: member)),
      ("metric", Column(type: .string, values: metric)), ("value", Column(type: .float, values: value)),
    ])
  }

}
