import RecCore
import RecEngine

/// `uplift NAME = tlearner(logistic(f, …)) on T` and `response(…)`: uplift models, trained when
/// they are defined.
extension Session {
  /// Fits the model to T's rows, keeps it and each arm's training rows (`NAME.treated`,
  /// `NAME.control`), and prints the fitted arms' coefficients as `model` does, in one table with
  /// an `arm` column kept as `_`, and a status line per arm.
  func train(_ definition: CheckedDefinition, _ spec: UpliftModelSpec) throws(Diagnostic) {
    let name = definition.name
    let log = try table(spec.table.name, at: spec.table.range)
    let rows = try upliftRows(spec, log: log, name: spec.table.name, at: spec.table.range)
    func failure(_ reason: String) -> Diagnostic {
      Diagnostic(.cannotTrainModel(name, on: spec.table.name, reason: reason), at: spec.range)
    }
    func arm(_ treated: Bool) -> String { treated ? "treated ('\(spec.treat.name)' true or 1)" : "control" }
    let model: UpliftModel
    do {
      model = try UpliftModel(spec.learner, columns: rows.columns, treated: rows.treated, played: rows.played)
    } catch {
      switch error {
      case .emptyArm(let treated): throw failure("the \(arm(treated)) arm has no rows")
      case .fit(let treated, .singleClass(let positive)):
        throw failure((positive ? "every row" : "no row") + " of the \(arm(treated)) arm got a play")
      case .fit(_, .nonFinite(let feature, _)):
        throw Diagnostic(
          .cannotTrainModel(name, on: spec.table.name, reason: "'\(spec.features[feature].text)' is not a finite number in every row"),
          at: spec.features[feature].range)
      case .fit(_, .singular): throw failure("its features are collinear")
      }
    }
    upliftModels[name] = model
    definitions[name] = definition
    let names = featureColumnNames(spec)
    for (side, treated) in zip(UpliftModelSpec.armTables, [true, false]) {
      // The fitted arm's own rows; the control arm's rows of a response model, which fits none.
      let (features, labels): ([[Double]], [Bool])
      if let arm = treated ? model.treated : model.control {
        (features, labels) = (arm.columns, arm.labels)
      } else {
        let keep = rows.treated.indices.filter { rows.treated[$0] == treated }
        (features, labels) = (rows.columns.map { values in keep.map { values[$0] } }, keep.map { rows.played[$0] })
      }
      var columns = zip(names, features).map { name, values in (name, Column(type: .float, storage: .float64(values))) }
      columns.append((spec.outcome.name, Column(type: .int, ints: labels.map { $0 ? 1 : 0 })))
      self.keep(Table(columns), as: name + "." + side, from: [spec.table.name])
    }
    let arms = [("treated", model.treated), ("control", model.control)].compactMap { arm, fit in fit.map { (arm, $0) } }
    let coefficients = armCoefficients(arms.map { ($0.0, $0.1.regression) }, inputs: spec.features.map(\.text))
    keepResult(coefficients, from: [spec.table.name])
    show(coefficients)
    for (arm, fitted) in arms {
      status(
        "\(name), \(arm) arm: logistic on \(count(fitted.rows, "row")) "
          + "(\(thousands(fitted.plays)) with a play), \(count(fitted.regression.steps, "Newton step")), "
          + "λ = \(CellFormatter.shortNumber(RowModel.penalty)); training log-loss "
          + "\(CellFormatter.fixed(fitted.logLoss, decimals: 4)), AUC \(CellFormatter.fixed(fitted.auc, decimals: 4))")
    }
    switch spec.learner {
    case .tlearner:
      status("\(name): score = p̂(play | treated) − p̂(play | control); arms' rows kept as \(name).treated, \(name).control")
    case .response:
      status("\(name): score = p̂(play | treated), the treated arm alone; arms' rows kept as \(name).treated, \(name).control")
    }
    if let credited = rows.credited { status(credited) }
  }

  /// The features (one array per feature), arms and outcomes of the rows of `log` (called `name`)
  /// as `spec` reads them; with an attributed outcome, the status line that says how it was
  /// credited.
  func upliftRows(
    _ spec: UpliftModelSpec, log: Table, name: String, at range: SourceRange
  ) throws(Diagnostic) -> (columns: [[Double]], treated: [Bool], played: [Bool], credited: String?) {
    guard let treat = log[spec.treat.name] else {
      throw Diagnostic(.unknownColumn(spec.treat.name, in: name, known: log.names), at: range)
    }
    let treated = try zeroOne(treat, spec.treat, role: "treatment", table: name)
    let played: [Bool]
    var credited: String?
    if let attribution = spec.attribution {
      let (result, line) = try attribute(attribution, to: try LogKeys(log, name: name, kind: .exposures, at: range))
      (played, credited) = (result.played, line)
    } else {
      guard let outcome = log[spec.outcome.name] else {
        throw Diagnostic(.unknownColumn(spec.outcome.name, in: name, known: log.names), at: range)
      }
      played = try zeroOne(outcome, spec.outcome, role: "outcome", table: name)
    }
    // Features over the catalog are read against each member's history, all at once; those the
    // log carries in its own columns are evaluated over it.
    let overCatalog = spec.features.filter { !$0.readsLog }
    var fromCatalog =
      overCatalog.isEmpty
      ? [].makeIterator()
      : try exposureFeatures.features(
        log, name: name, features: overCatalog.map(\.bound), texts: overCatalog.map(\.text),
        plays: try table("plays", at: range), tables: tablesByName, seed: seed, at: range, cancellation: cancellation
      ).columns.makeIterator()
    var columns: [[Double]] = []
    for feature in spec.features {
      columns.append(try feature.readsLog ? logFeature(feature, log, name: name) : fromCatalog.next() ?? [])
    }
    return (columns, treated, played, credited)
  }

  /// A feature over the log's own columns at each row of `log` (called `name`), which must have
  /// those columns with the types the model was trained with.
  private func logFeature(_ feature: UpliftModelSpec.Feature, _ log: Table, name: String) throws(Diagnostic) -> [Double] {
    for (column, type) in feature.bound.columnsRead {
      guard let found = log[column] else {
        throw Diagnostic(.unknownColumn(column, in: name, known: log.names), at: feature.range)
      }
      guard found.type == type else {
        throw Diagnostic(
          .expected("'\(column)' of '\(name)' as \(type.noun), as the model read it", found: found.type.noun), at: feature.range)
      }
    }
    let values = try queryEngine().evaluate(feature.bound, over: log)
    return (0..<values.count).map { values.double(at: $0) ?? .nan }
  }

  /// Each arm's `coefficientTable` (as `model` prints it), one after the other, `arm` first.
  private func armCoefficients(_ arms: [(name: String, fit: LogisticRegression)], inputs: [String]) -> Table {
    let tables = arms.map { coefficientTable($0.fit, inputs: inputs) }
    guard let first = tables.first else { return Table() }
    let armNames = zip(arms, tables).flatMap { arm, table in Array(repeating: Value.string(arm.name), count: table.count) }
    var columns = [("arm", Column(type: .string, values: armNames))]
    for (name, column) in zip(first.names, first.columns) {
      let values = tables.flatMap { table in (0..<table.count).map { table[name]?.value(at: $0) ?? .null } }
      columns.append((name, Column(type: column.type, values: values)))
    }
    return Table(columns)
  }

  /// The kept tables' feature columns: each feature as written, a repeat numbered by its place.
  private func featureColumnNames(_ spec: UpliftModelSpec) -> [String] {
    var seen: Set<String> = []
    return spec.features.enumerated().map { i, f in seen.insert(f.text).inserted ? f.text : "\(f.text) (\(i + 1))" }
  }
}
