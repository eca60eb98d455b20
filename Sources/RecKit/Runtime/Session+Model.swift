/// `model NAME = logistic(f, …) on TABLE`: a learned row utility, trained when it is defined.
extension Session {
  /// The model kinds `model` knows.
  static let modelKinds = ["logistic"]

  /// Compiles a model's inputs; shared by the checker and the trainer, so both report an
  /// unknown kind or feature at the same place.
  static func modelInputs(_ definition: ModelDefinition) throws(Diagnostic) -> [(text: String, formula: UtilityFormula)] {
    guard modelKinds.contains(definition.kind.text) else {
      throw Diagnostic(.unknownModelKind(definition.kind.text, known: modelKinds), at: definition.kind.range)
    }
    var inputs: [(text: String, formula: UtilityFormula)] = []
    for e in definition.features { inputs.append((e.range.text, try UtilityFormula(e))) }
    return inputs
  }

  /// Trains the model on its log of pages against the session's plays, keeps it, and prints one
  /// row per coefficient and a status line with the fit.
  func define(_ definition: ModelDefinition, statement: Statement) throws(Diagnostic) {
    let inputs = try Self.modelInputs(definition)
    let tableName = definition.table
    guard let log = tables[tableName.text] else {
      throw Diagnostic(.unknownTable(tableName.text, known: Array(tables.keys)), at: tableName.range)
    }
    guard let plays = tables["plays"] else {
      throw Diagnostic(.unknownTable("plays", known: Array(tables.keys)), at: tableName.range)
    }
    let rows = try LoggedRows(
      log, name: tableName.text, plays: plays, tables: Dictionary(uniqueKeysWithValues: tables.map { ($0, $1) }),
      at: tableName.range)
    let name = definition.name.text
    func failure(_ reason: String) -> Diagnostic {
      Diagnostic(.cannotTrainModel(name, on: tableName.text, reason: reason), at: definition.range)
    }
    guard rows.count > 0 else { throw failure("it has no logged rows") }
    let model: RowModel
    do {
      model = try RowModel(name: name, inputs: inputs, rows: rows)
    } catch {
      switch error {
      case .singleClass(let positive): throw failure(positive ? "every logged row got a play" : "no logged row got a play")
      case .nonFinite(let feature, _):
        throw Diagnostic(
          .cannotTrainModel(name, on: tableName.text, reason: "'\(inputs[feature].text)' is not a finite number in every row"),
          at: definition.features[feature].range)
      case .singular: throw failure("its inputs are collinear")
      }
    }
    models[name] = model
    definitions[name] = statement
    show(coefficientTable(model))
    let fit = model.regression
    status(
      "\(name): logistic on \(count(model.examples, "logged row")) (\(thousands(model.positives)) with a play), "
        + "\(count(fit.steps, "Newton step")), λ = \(CellFormatter.shortNumber(RowModel.penalty)); "
        + "training log-loss \(CellFormatter.fixed(model.logLoss, decimals: 4)), AUC \(CellFormatter.fixed(model.auc, decimals: 4))")
  }

  /// `feature, coefficient, standardised, std_error, z`: the intercept, then one row per input.
  private func coefficientTable(_ model: RowModel) -> Table {
    let fit = model.regression
    let coefficients = fit.coefficients
    let errors = fit.standardErrors
    return Table([
      ("feature", Column(type: .string, values: (["(intercept)"] + model.inputs.map(\.text)).map(Value.string))),
      ("coefficient", Column(type: .float, storage: .float64(coefficients))),
      ("standardised", Column(type: .float, storage: .float64(fit.standardised))),
      ("std_error", Column(type: .float, storage: .float64(errors))),
      ("z", Column(type: .float, storage: .float64(zip(coefficients, errors).map { $0 / $1 }))),
    ])
  }
}
