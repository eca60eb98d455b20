import RecCore

extension Statement {
  /// The words that open the statement, as the user would name it: `eval`, `show page`, `load demo`.
  /// Whether the statement prints a result (a table, a page, a chart) when it runs, rather than
  /// only status lines: what `rec run` captions when a script prints more than one.
  public var printsResult: Bool {
    switch kind {
    case .query, .model, .ranker, .show, .explain, .explainSearch, .eval, .sweep, .upliftSweep, .pick, .simulate, .replay,
      .estimate, .abtest, .search, .cluster, .uplift, .upliftModel:
      true
    case .load, .save, .split, .assign, .set, .row, .page, .diversity, .metric, .policy, .importFile, .export:
      false
    }
  }

  public var keyword: String {
    switch kind {
    case .load(.demo): "load demo"
    case .load(.dataset(let format, _)): "load \(format.text)"
    case .load(.table): "load table"
    case .save: "save"
    case .split: "split"
    case .query: "from"
    case .assign: "let"
    case .set: "set"
    case .row: "row"
    case .page: "page"
    case .diversity: "diversity"
    case .model: "model"
    case .metric: "metric"
    case .policy: "policy"
    case .ranker: "ranker"
    case .show(let what, _, _): "show \(what.text)"
    case .explain: "explain page"
    case .explainSearch: "explain search"
    case .eval: "eval"
    case .sweep, .upliftSweep: "sweep"
    case .pick: "pick"
    case .simulate: "simulate"
    case .replay: "replay"
    case .estimate: "estimate"
    case .abtest: "abtest"
    case .search: "search"
    case .cluster: "cluster"
    case .uplift, .upliftModel: "uplift"
    case .importFile: "import"
    case .export: "export"
    }
  }

  /// The statement's first line, without its clause lines: where "not available" points.
  public var headerRange: SourceRange {
    let file = range.file
    let line = file.line(of: range.bytes.lowerBound)
    let end = min(range.bytes.upperBound, file.lineRange(line).upperBound)
    return SourceRange(file: file, bytes: range.bytes.lowerBound..<max(range.bytes.lowerBound + 1, end))
  }
}
