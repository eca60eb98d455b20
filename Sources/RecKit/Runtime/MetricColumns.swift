import RecEngine

/// Which columns of a query's result print as metrics (4 decimals, as `eval` prints them): those
/// that carry a metric column of a table the query reads through unchanged — selected, kept,
/// renamed, joined, or summarised by `avg`, `min`, `max` or `median` — so that `from _ | where
/// page = "home"` prints `0.0000` where the eval printed `0.0000`, not `2.91532e-16`.
extension BoundPipeline {
  /// - Parameter metrics: a table's metric columns by its name.
  func metricColumns(_ metrics: (String) -> Set<String>) -> Set<String> {
    var current = metrics(source)
    func carried(_ named: [NamedExpr], from set: Set<String>) -> Set<String> {
      Set(named.compactMap { n in
        if case .column(let c) = n.expr.kind, set.contains(c) { return n.name }
        return nil
      })
    }
    for stage in stages {
      switch stage {
      case .filter, .sort, .take:
        continue
      case .distinct(let keys):
        if !keys.isEmpty { current = carried(keys, from: current) }
      case .select(let named):
        current = carried(named, from: current)
      case .derive(let named):
        current = current.subtracting(named.map(\.name)).union(carried(named, from: current))
      case .group(let keys, let aggregates, let outputs):
        // Hidden aggregate columns `#i` that summarise a metric column as a metric.
        var summaries: Set<String> = []
        for (i, a) in aggregates.enumerated() {
          guard [.avg, .min, .max, .median].contains(a.function), let argument = a.argument,
            case .column(let c) = argument.kind, current.contains(c)
          else { continue }
          summaries.insert("#\(i)")
        }
        current = carried(keys, from: current).union(carried(outputs, from: summaries))
      case .join(let table, _, _, let right):
        let joined = metrics(table)
        current.formUnion(right.filter { joined.contains($0.source) }.map(\.output))
      }
    }
    return current
  }
}
