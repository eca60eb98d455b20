import RecCore

/// The aggregates of `group by (…)`: `count`, `count_distinct`, `sum`, `avg`, `min`, `max`,
/// `median` and percentiles `pN` (`p90`). Missing values are skipped; `count()` counts rows.
/// An aggregate over no present values is missing, except counts, which are 0.
package enum AggregateFunction: Sendable, Equatable {
  case count, countDistinct, sum, avg, min, max, median
  /// −Σ p log₂ p over the distinct present values (click entropy when the argument is `clicked`).
  case entropy
  /// `pN`: the N-th percentile, N in 0…100.
  case percentile(Double)

  /// Names offered in "did you mean" suggestions.
  package static let names = ["count", "count_distinct", "sum", "avg", "min", "max", "median", "entropy", "p90"]

  /// The aggregate called `name`, or nil.
  package init?(name: String) {
    switch name {
    case "count": self = .count
    case "count_distinct": self = .countDistinct
    case "sum": self = .sum
    case "avg": self = .avg
    case "min": self = .min
    case "max": self = .max
    case "median": self = .median
    case "entropy": self = .entropy
    default:
      guard name.hasPrefix("p"), let n = Int(name.dropFirst()), (0...100).contains(n) else { return nil }
      self = .percentile(Double(n))
    }
  }

  package var name: String {
    switch self {
    case .count: "count"
    case .countDistinct: "count_distinct"
    case .sum: "sum"
    case .avg: "avg"
    case .min: "min"
    case .max: "max"
    case .median: "median"
    case .entropy: "entropy"
    case .percentile(let p): "p\(Int(p))"
    }
  }

  /// The result type for an argument of type `argument` (nil for `count()`), or nil when
  /// the aggregate does not apply to it.
  package func resultType(_ argument: ColumnType?) -> ColumnType? {
    guard let t = argument else { return self == .count ? .int : nil }
    switch self {
    case .count, .countDistinct: return .int
    case .sum: return t == .bool ? .int : [.int, .float, .duration].contains(t) ? t : nil
    case .avg, .median, .percentile: return [.int, .float, .bool, .duration].contains(t) ? .float : nil
    case .min, .max: return t == .list ? nil : t
    case .entropy: return t == .list ? nil : .float
    }
  }

  /// The aggregate of `column` (nil for `count()`) over each group, as a column of
  /// `grouping.count` values of type `type`.
  /// - Complexity: O(n) for counts and sums, O(n log n) for distinct counts and percentiles.
  func compute(
    _ column: Column?, grouping: Grouping, type: ColumnType, cancellation: Cancellation
  ) throws(Diagnostic) -> Column {
    let groups = grouping.count
    let ids = grouping.ids
    guard let column else {
      var counts = [Int](repeating: 0, count: groups)
      counts.withUnsafeMutableBufferPointer { counts in
        ids.withUnsafeBufferPointer { ids in
          for g in ids { counts[Int(g)] += 1 }
        }
      }
      return Column(type: .int, ints: counts)
    }
    switch self {
    case .count:
      var counts = [Int](repeating: 0, count: groups)
      let present = Self.present(column)
      for i in ids.indices where present(i) { counts[Int(ids[i])] += 1 }
      return Column(type: .int, ints: counts)
    case .countDistinct:
      let pairs = try grouping.refined(by: Grouping.by(column, cancellation: cancellation), cancellation: cancellation)
      let present = Self.present(column)
      var counts = [Int](repeating: 0, count: groups)
      for r in pairs.firstRows where present(r) { counts[Int(ids[r])] += 1 }
      return Column(type: .int, ints: counts)
    case .entropy:
      return try Self.entropy(column, grouping: grouping, cancellation: cancellation)
    case .sum where type != .float:
      let values = column.intValues ?? []
      var sums = [Int](repeating: Int.min, count: groups)
      for i in values.indices where values[i] != Int.min {
        let g = Int(ids[i])
        guard sums[g] != Int.min else {
          sums[g] = values[i]
          continue
        }
        let (sum, overflow) = sums[g].addingReportingOverflow(values[i])
        guard !overflow, sum != Int.min else { throw Diagnostic(.integerOverflow("sum"), at: nil) }
        sums[g] = sum
      }
      return Column(type: type, ints: sums)
    case .sum, .avg:
      let values = column.doubleValues ?? []
      var sums = [Double](repeating: 0, count: groups)
      var counts = [Int](repeating: 0, count: groups)
      for i in values.indices where !values[i].isNaN {
        sums[Int(ids[i])] += values[i]
        counts[Int(ids[i])] += 1
      }
      let result = (0..<groups).map { g in counts[g] == 0 ? .nan : self == .avg ? sums[g] / Double(counts[g]) : sums[g] }
      return Column(type: .float, storage: .float64(result))
    case .min, .max:
      return extreme(column, ids: ids, groups: groups)
    case .median:
      return Self.percentiles(column, 50, ids: ids, groups: groups)
    case .percentile(let p):
      return Self.percentiles(column, p, ids: ids, groups: groups)
    }
  }

  /// Each group's entropy in bits of the distribution of its present values: the rows of each
  /// (group, value) pair counted, then −Σ (c/n) log₂ (c/n), summed in the order the pairs first
  /// appear. A group with no present value has entropy 0, as scipy's `entropy` of one value.
  private static func entropy(
    _ column: Column, grouping: Grouping, cancellation: Cancellation
  ) throws(Diagnostic) -> Column {
    let pairs = try grouping.refined(by: Grouping.by(column, cancellation: cancellation), cancellation: cancellation)
    let present = Self.present(column)
    var sizes = [Int](repeating: 0, count: pairs.count)
    for i in pairs.ids.indices where present(i) { sizes[Int(pairs.ids[i])] += 1 }
    var totals = [Int](repeating: 0, count: grouping.count)
    for (pair, first) in pairs.firstRows.enumerated() { totals[Int(grouping.ids[first])] += sizes[pair] }
    var bits = [Double](repeating: 0, count: grouping.count)
    for (pair, first) in pairs.firstRows.enumerated() where sizes[pair] > 0 {
      let g = Int(grouping.ids[first])
      let p = Double(sizes[pair]) / Double(totals[g])
      bits[g] -= p * Double.log2(p)
    }
    return Column(type: .float, storage: .float64(bits))
  }

  /// Whether row `i` of `column` holds a value.
  private static func present(_ column: Column) -> (Int) -> Bool {
    switch column.storage {
    case .string(let codes, _): { codes[$0] >= 0 }
    case .list: { _ in true }
    case .float32, .float64:
      { [values = column.doubleValues ?? []] in !values[$0].isNaN }
    default:
      { [values = column.intValues ?? []] in values[$0] != Int.min }
    }
  }

  /// The smallest (`min`) or largest (`max`) value per group; strings compare as text.
  private func extreme(_ column: Column, ids: [Int32], groups: Int) -> Column {
    let wantSmaller = self == .min
    switch column.storage {
    case .float32, .float64:
      let values = column.doubleValues ?? []
      var best = [Double](repeating: .nan, count: groups)
      for i in values.indices where !values[i].isNaN {
        let g = Int(ids[i])
        if best[g].isNaN || (wantSmaller ? values[i] < best[g] : values[i] > best[g]) { best[g] = values[i] }
      }
      return Column(type: .float, storage: .float64(best))
    case .string(let codes, let dict):
      // Rank the dictionary once, then compare ranks.
      let order = dict.strings.indices.sorted { dict.strings[$0] < dict.strings[$1] }
      var rank = [Int](repeating: 0, count: dict.count)
      for (r, code) in order.enumerated() { rank[code] = r }
      var best = [Int32](repeating: -1, count: groups)
      for i in codes.indices where codes[i] >= 0 {
        let g = Int(ids[i])
        let c = codes[i]
        if best[g] < 0 || (wantSmaller ? rank[Int(c)] < rank[Int(best[g])] : rank[Int(c)] > rank[Int(best[g])]) {
          best[g] = c
        }
      }
      return Column(type: .string, storage: .string(best, dict))
    default:
      let values = column.intValues ?? []
      var best = [Int](repeating: Int.min, count: groups)
      for i in values.indices where values[i] != Int.min {
        let g = Int(ids[i])
        if best[g] == Int.min || (wantSmaller ? values[i] < best[g] : values[i] > best[g]) { best[g] = values[i] }
      }
      return Column(type: column.type, intValues: best)
    }
  }

  /// The `p`-th percentile per group with linear interpolation between the order statistics
  /// around rank (n − 1)·p/100: the same as numpy's default `percentile` (method "linear").
  private static func percentiles(_ column: Column, _ p: Double, ids: [Int32], groups: Int) -> Column {
    let values = column.doubleValues ?? []
    // Bucket the present values by group (counting sort), then sort each bucket.
    var starts = [Int](repeating: 0, count: groups + 1)
    for i in values.indices where !values[i].isNaN { starts[Int(ids[i]) + 1] += 1 }
    for g in 0..<groups { starts[g + 1] += starts[g] }
    var fill = starts
    var sorted = [Double](repeating: 0, count: starts[groups])
    for i in values.indices where !values[i].isNaN {
      sorted[fill[Int(ids[i])]] = values[i]
      fill[Int(ids[i])] += 1
    }
    let result = (0..<groups).map { g -> Double in
      let n = starts[g + 1] - starts[g]
      guard n > 0 else { return .nan }
      sorted[starts[g]..<starts[g + 1]].sort()
      let h = Double(n - 1) * p / 100
      let lo = Int(h.rounded(.down))
      let a = sorted[starts[g] + lo]
      let b = sorted[starts[g] + Swift.min(lo + 1, n - 1)]
      return a + (h - Double(lo)) * (b - a)
    }
    return Column(type: .float, storage: .float64(result))
  }
}
