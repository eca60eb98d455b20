import RecCore
import RecEngine

/// `ranker NAME = logistic | mlp(…)`: a search ranker, trained when it is defined.
extension Session {
  /// Builds the training rows from the named table of searches, fits the model, keeps it with
  /// its tables (`R.training`, `R.init`, `R.weights`, `R.scaler`) and prints the fit.
  func train(_ definition: CheckedDefinition, _ spec: RankerSpec) throws(Diagnostic) {
    let name = definition.name
    let log = try table(spec.table, at: spec.tableRange)
    let plays = try table("plays", at: spec.tableRange)
    func failure(_ reason: String) -> Diagnostic {
      Diagnostic(.cannotTrainRanker(name, on: spec.table, reason: reason), at: spec.range)
    }
    guard SearchCandidates(titles: tables["titles"] ?? Table()) != nil else {
      throw failure("it needs a 'titles' table with an integer 'id' and a text 'name' column")
    }
    let clock = ContinuousClock()
    let start = clock.now
    let history = try SearchFeatureHistory(
      plays: plays, searches: tables["searches"], tables: tablesByName, now: .perMember(Self.firstSearches(log)),
      cancellation: cancellation)
    let layout = SearchFeatureLayout(features: spec.features, history: history)
    // Indicator features have no column when the data has no values for them (no `country`).
    guard !layout.columns.isEmpty else { throw failure("its features have no values in this data") }
    let rows = try SearchTrainingSet(
      log, history: history, layout: layout, sources: spec.sources, limit: spec.limit, negatives: spec.negatives,
      seed: spec.seed, cancellation: cancellation)
    if rows.skipped > 0 { status("\(Self.searches(rows.skipped)) skipped: clicked title not among candidates") }
    let positives = rows.label.filter { $0 }.count
    guard positives > 0 else { throw failure("no search of it has a click among its candidates") }
    guard positives < rows.count else { throw failure("no search of it has a candidate besides the clicked title") }

    let model: LearnedRanker.Model
    let fit: String
    var kept: [(String, Table)] = [("training", trainingTable(rows, of: log, layout: layout))]
    switch spec.model {
    case .logistic:
      let regression: LogisticRegression
      do {
        regression = try LogisticRegression(matrix: rows.matrix, labels: rows.label, penalty: RowModel.penalty)
      } catch {
        throw failure(error == .singular ? "its features are collinear" : "a feature is not a finite number")
      }
      model = .logistic(regression)
      show(coefficientTable(regression, inputs: layout.columns))
      fit = "\(newtonSteps(regression)), λ = \(CellFormatter.shortNumber(RowModel.penalty))"
    case .network(let settings):
      var random = SearchTrainingSet.random(seed: spec.seed, .weights)
      var network = MultilayerPerceptron(inputs: layout.columns.count, hidden: settings.hidden, random: &random)
      kept.append(("init", weightTable(network)))
      let standardisation = Standardisation(rows.matrix)
      var epochs: [(loss: Double, seconds: Double)] = []
      var last = clock.now
      _ = try network.train(
        rows.matrix, standardisation: standardisation, labels: rows.label, settings: settings, cancellation: cancellation
      ) { _, loss in
        epochs.append((loss, (clock.now - last).inSeconds))
        last = clock.now
      }
      model = .network(network, standardisation)
      show(epochTable(epochs))
      fit = "\(count(network.parameters.count, "parameter")), \(settings.epochs) × \(settings.batch)-row batches"
    }
    let ranker = LearnedRanker(name: name, layout: layout, sources: spec.sources, limit: spec.limit, model: model)
    kept.append(("weights", weightTable(ranker)))
    kept.append(("scaler", scalerTable(ranker)))
    for (suffix, table) in kept { keep(table, as: name + "." + suffix, from: [spec.table]) }
    rankers[name] = ranker
    definitions[name] = definition
    let scores = ranker.logits(rows.matrix)
    // −log P(label): softplus(−logit) for a click, softplus(logit) for none.
    let loss = zip(scores, rows.label).reduce(0.0) { sum, pair in
      sum + LogisticRegression.softplus(pair.1 ? -pair.0 : pair.0)
    }
    status(
      "\(name): \(spec.model.word) on \(count(rows.count, "row")) (\(thousands(positives)) clicked) from "
        + "\(Self.searches(rows.searches)), \(layout.columns.count) columns, \(fit); training log-loss "
        + CellFormatter.fixed(loss / Double(rows.count), decimals: 4) + ", AUC "
        + CellFormatter.fixed(areaUnderCurve(scores, labels: rows.label) ?? 0.5, decimals: 4)
        + (options.timer ? ", \(formatSeconds(clock.now - start)) s" : ""))
  }

  /// `1 search`, `751 searches`.
  static func searches(_ n: Int) -> String { "\(thousands(n)) search\(n == 1 ? "" : "es")" }

  /// Each member's first search in `log`, the end of the member's history for training.
  static func firstSearches(_ log: Table) -> [Int: Int] {
    var first: [Int: Int] = [:]
    guard let member = log["member"], let at = log["at"] else { return first }
    for i in 0..<log.count {
      guard let m = member.int(at: i), let t = at.int(at: i) else { continue }
      first[m] = min(first[m] ?? Int.max, t)
    }
    return first
  }

  /// `search, member, query, at, title, label` and one column per feature, in training order;
  /// the queries taken from the searches' table `log` as it stores them.
  private func trainingTable(_ rows: SearchTrainingSet, of log: Table, layout: SearchFeatureLayout) -> Table {
    var columns: [(String, Column)] = [
      ("search", Column(type: .int, storage: .int64(rows.search.map { $0 + 1 }))),
      ("member", Column(type: .int, storage: .int64(rows.member))),
      ("query", log["query"]?.gather(rows.search) ?? Column(type: .string, values: rows.search.map { _ in .null })),
      ("at", Column(type: .time, storage: .int64(rows.at))),
      ("title", Column(type: .int, storage: .int64(rows.title))),
      ("label", Column(type: .int, storage: .int64(rows.label.map { $0 ? 1 : 0 }))),
    ]
    for (name, values) in zip(layout.columns, rows.matrix.columnValues) {
      columns.append((name, Column(type: .float, storage: .float32(values))))
    }
    return Table(columns)
  }

  /// `epoch, log_loss` (and `seconds` with `.timer on`): the training loss after each epoch.
  private func epochTable(_ epochs: [(loss: Double, seconds: Double)]) -> Table {
    var columns: [(String, Column)] = [
      ("epoch", Column(type: .int, storage: .int64(epochs.indices.map { $0 + 1 }))),
      ("log_loss", Column(type: .float, storage: .float64(epochs.map(\.loss)))),
    ]
    if options.timer { columns.append(("seconds", Column(type: .float, storage: .float64(epochs.map(\.seconds))))) }
    return Table(columns)
  }

  /// `layer, row, col, value` of a network: layer l's weight from input `row` to unit `col`, its
  /// biases with `row` missing (scikit-learn's `coefs_[l][row, col]` and `intercepts_[l][col]`).
  private func weightTable(_ network: MultilayerPerceptron) -> Table {
    var (layer, row, col, value) = ([Int](), [Int](), [Int](), [Double]())
    for l in 0..<(network.sizes.count - 1) {
      for r in 0...network.sizes[l] {
        for c in 0..<network.sizes[l + 1] {
          let bias = r == network.sizes[l]
          layer.append(l)
          row.append(bias ? Int.min : r)
          col.append(c)
          value.append(network.parameter(layer: l, row: bias ? nil : r, column: c))
        }
      }
    }
    return Table([
      ("layer", Column(type: .int, storage: .int64(layer))), ("row", Column(type: .int, storage: .int64(row))),
      ("col", Column(type: .int, storage: .int64(col))), ("value", Column(type: .float, storage: .float64(value))),
    ])
  }

  /// A trained ranker's weights: the network's, or the logistic model's standardised
  /// coefficients as one layer (the intercept as its bias).
  private func weightTable(_ ranker: LearnedRanker) -> Table {
    switch ranker.model {
    case .network(let network, _): return weightTable(network)
    case .logistic(let fit):
      let k = fit.standardised.count - 1
      return Table([
        ("layer", Column(type: .int, storage: .int64([Int](repeating: 0, count: k + 1)))),
        ("row", Column(type: .int, storage: .int64(Array(0..<k) + [Int.min]))),
        ("col", Column(type: .int, storage: .int64([Int](repeating: 0, count: k + 1)))),
        ("value", Column(type: .float, storage: .float64(Array(fit.standardised.dropFirst()) + [fit.standardised[0]]))),
      ])
    }
  }

  /// `feature, mean, sd`: the standardisation the model reads its inputs through.
  private func scalerTable(_ ranker: LearnedRanker) -> Table {
    Table([
      ("feature", Column(type: .string, values: ranker.layout.columns.map(Value.string))),
      ("mean", Column(type: .float, storage: .float64(ranker.means))),
      ("sd", Column(type: .float, storage: .float64(ranker.scales))),
    ])
  }
}

extension RankerSpec.Model {
  /// `logistic` or `mlp`, as written.
  var word: String {
    switch self {
    case .logistic: "logistic"
    case .network: "mlp"
    }
  }
}
