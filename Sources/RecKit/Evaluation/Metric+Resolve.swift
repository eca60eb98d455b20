extension Metric {
  /// The metric a reference names, with sweep variables bound to `bindings`; errors are located
  /// at the reference: an unknown name (with a suggestion that keeps the cut-off), a missing,
  /// zero or misplaced cut-off, an unknown toolkit variant.
  static func resolve(_ ref: MetricRef, bindings: [String: Int] = [:]) throws(Diagnostic) -> Metric {
    let suffix = Self.suffix(of: ref)
    guard let kind = Kind(rawValue: ref.name) else {
      throw Diagnostic(
        .unknownMetric(ref.name, suffix: suffix, known: Kind.allCases.filter { $0 != .formula }.map(\.rawValue)), at: ref.range)
    }
    func value(_ bound: MetricRef.Bound) throws(Diagnostic) -> Int {
      switch bound {
      case .value(let v):
        guard v >= 1 else { throw Diagnostic(.cutoffTooSmall(ref.name + suffix), at: ref.range) }
        return v
      case .variable(let name):
        guard let v = bindings[name] else {
          throw Diagnostic(.expected("a number in cut-off '\(ref.name + suffix)'", found: "'\(name)'"), at: ref.range)
        }
        return v
      }
    }
    var metric = Metric(kind: kind)
    switch ref.cutoff {
    case .none:
      guard !metric.needsCutoff else {
        throw Diagnostic(.expected("a cut-off such as '\(ref.name)@20'", after: "'\(ref.name)'"), at: ref.range)
      }
    case .k(let bound):
      guard metric.needsCutoff else { throw Diagnostic(.unexpectedCutoff(ref.name), at: ref.range) }
      metric.k = try value(bound)
    case .grid(let rows, let columns):
      guard kind == .recall else {
        throw Diagnostic(
          .expected(metric.needsCutoff ? "one cut-off such as '\(ref.name)@20'" : "no cut-off", after: "'\(ref.name)'"),
          at: ref.range)
      }
      metric.grid = Grid(rows: try value(rows), columns: try value(columns))
    }
    if let written = ref.variant {
      let known: [Variant] = metric.k == nil ? [] : kind == .recall ? [.lenskit] : kind == .map ? [.recbole] : []
      guard let variant = Variant(rawValue: written), known.contains(variant) else {
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
    }
    if let variant = ref.variant { s += "[\(variant)]" }
    return s
  }
}
