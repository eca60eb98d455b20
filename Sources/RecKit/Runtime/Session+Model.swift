import RecCore
import RecEngine

/// `model NAME = logistic(f, …) on TABLE`: a learned row utility, trained when it is defined.
extension Session {
  /// Trains the model on its log of pages against the session's plays, keeps it, and prints one
  /// row per coefficient and a status line with the fit.
  func train(_ definition: CheckedDefinition, _ inputs: ModelInputs) throws(Diagnostic) {
    let log = try table(inputs.table, at: inputs.tableRange)
    let plays = try table("plays", at: inputs.tableRange)
    let rows = try LoggedRows(
      log, name: inputs.table, plays: plays, tables: tablesByName, at: inputs.tableRange, cancellation: cancellation)
    let name = definition.name
    func failure(_ reason: String) -> Diagnostic {
      Diagnostic(.cannotTrainModel(name, on: inputs.table, reason: reason), at: inputs.range)
    }
    guard rows.count > 0 else { throw failure("it has no logged rows") }
    let trained: RowModel
    do {
      trained = try RowModel(name: name, inputs: inputs.inputs, rows: rows)
    } catch {
      switch error {
      case .singleClass(let positive): throw failure(positive ? "every logged row got a play" : "no logged row got a play")
      case .nonFinite(let feature, _):
        throw Diagnostic(
          .cannotTrainModel(
            name, on: inputs.table, reason: "'\(inputs.inputs[feature].text)' is not a finite number in every row"),
          at: inputs.inputRanges[feature])
      case .singular: throw failure("its inputs are collinear")
      }
    }
    models[name] = trained
    definitions[name] = definition
    show(coefficientTable(trained.regression, inputs: trained.inputs.map(\.text)))
    let fit = trained.regression
    status(
      "\(name): logistic on \(count(trained.examples, "logged row")) (\(thousands(trained.positives)) with a play), "
        + "\(newtonSteps(fit)), λ = \(CellFormatter.shortNumber(RowModel.penalty)); "
        + "training log-loss \(CellFormatter.fixed(trained.logLoss, decimals: 4)), "
        + "AUC \(CellFormatter.fixed(trained.auc, decimals: 4))")
  }

  /// `7 Newton steps`, or `3 Newton steps after 6 on a sample` when a sample's fit gave the start.
  func newtonSteps(_ fit: LogisticRegression) -> String {
    count(fit.steps, "Newton step") + (fit.sampleSteps > 0 ? " after \(fit.sampleSteps) on a sample" : "")
  }

  /// `feature, coefficient, standardised, std_error, z`: the intercept, then one row per input.
  func coefficientTable(_ fit: LogisticRegression, inputs: [String]) -> Table {
    let coefficients = fit.coefficients
    let errors = fit.standardErrors
    return Table([
      ("feature", Column(type: .string, values: (["(intercept)"] + inputs).map(Value.string))),
      ("coefficient", Column(type: .float, storage: .float64(coefficients))),
      ("standardised", Column(type: .float, storage: .float64(fit.standardised))),
      ("std_error", Column(type: .float, storage: .float64(errors))),
      ("z", Column(type: .float, storage: .float64(zip(coefficients, errors).map { $0 / $1 }))),
    ])
  }
}
