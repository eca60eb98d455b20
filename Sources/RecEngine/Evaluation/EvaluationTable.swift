/// The tables `eval` shows: one row per page (and segment) with a column per metric, plus the
/// paired comparison with a baseline; the same figures one row per metric (`long`); or one row
/// per page, member and metric (`per member`).
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

  /// A summary table and the columns that hold metric figures (4 decimals in box mode).
  package struct Summary {
    package var table: Table
    package var metricColumns: Set<String>
  }

  /// Every metric's figure per page (and segment), compared with `baseline` when there is one:
  /// a column per metric, or with `long` a row per metric.
  package static func summary(
    pages: [PageScores], scores: [[[Double]]], metrics: [Metric], judge: Judge, baseline: String?,
    test: PairedComparison.Test, seed: UInt64, segments: Segments?, long: Bool
  ) -> Summary {
    let base = baseline.flatMap { b in pages.firstIndex { $0.name == b } }
    let figures = figures(
      pages: pages, scores: scores, metrics: metrics, judge: judge, base: base, test: test, seed: seed,
      segments: segments)
    return long
      ? Self.long(figures, segments: segments, compared: base != nil)
      : wide(figures, metrics: metrics.map(\.label), segments: segments, compared: base != nil)
  }

  /// One metric's figure for one page over one segment's members, and with a baseline its
  /// comparison: nil on the baseline page itself; only a difference for a page-wide metric or a
  /// segment of one member, which have no paired test.
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
    var members: Int
    var metric: String
    var value: Double
    var comparison: Comparison?
  }

  /// The figures of every segment, page and metric, in that order (segments sorted by value),
  /// and whether each difference is significant at 5% after Holm–Bonferroni across every
  /// comparison of the statement. Coverage is one figure per page: it has a difference but no
  /// paired test. `scores[p][m]` holds metric `m`'s value for every judged member on page `p`
  /// (`PageScores.perMember`); `base` indexes the baseline page.
  static func figures(
    pages: [PageScores], scores: [[[Double]]], metrics: [Metric], judge: Judge, base: Int?,
    test: PairedComparison.Test, seed: UInt64, segments: Segments?
  ) -> [Figure] {
    let groups: [(value: Value, members: [Int])]
    if let segments {
      var byValue: [Value: [Int]] = [:]
      for (i, v) in segments.values.enumerated() { byValue[v, default: []].append(i) }
      groups = byValue.sorted { CellFormatter.csv($0.key) < CellFormatter.csv($1.key) }.map { ($0.key, $0.value) }
    } else {
      groups = [(.null, Array(judge.members.indices))]
    }
    var figures: [Figure] = []
    var tested: [(figure: Int, p: Double)] = []
    for group in groups {
      for (p, page) in pages.enumerated() {
        for (m, metric) in metrics.enumerated() {
          let value = figure(metric, page: page, scores: scores[p][m], members: group.members, judge: judge)
          var comparison: Figure.Comparison?
          if let base, p != base {
            let reference = figure(metric, page: pages[base], scores: scores[base][m], members: group.members, judge: judge)
            if metric.isPageWide || group.members.count < 2 {
              comparison = Figure.Comparison(difference: value - reference)
            } else {
              let c = PairedComparison(
                group.members.map { scores[p][m][$0] }, baseline: group.members.map { scores[base][m][$0] },
                test: test, seed: seed)
              tested.append((figures.count, c.p))
              comparison = Figure.Comparison(
                difference: c.difference, low: c.low, high: c.high, p: c.p.isNaN ? nil : c.p)
            }
          }
          figures.append(
            Figure(
              page: page.name, segment: group.value, members: group.members.count, metric: metric.label, value: value,
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

  /// The metric over the members at `members` (indexes into the judge): their mean, or the
  /// coverage of their pages.
  private static func figure(_ metric: Metric, page: PageScores, scores: [Double], members: [Int], judge: Judge) -> Double {
    if metric.isPageWide { return Metric.coverage(of: members.map { page.grids[$0] }, judge: judge) }
    return members.isEmpty ? 0 : members.reduce(0.0) { $0 + scores[$1] } / Double(members.count)
  }
}
