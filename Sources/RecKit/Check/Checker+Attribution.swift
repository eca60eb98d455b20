import RecCore
import RecEngine
import RecSyntax

/// The outcome of `uplift of T on OUTCOME … [within D]` and of `uplift NAME = … [outcome OUTCOME]
/// [within D]`: a 0/1 column of T, or a table of plays credited to T's exposures.
extension Checker {
  /// With `within D`, OUTCOME must be a table of plays (`member, title, at`) and T a log of
  /// exposures, and the attribution is returned; without, OUTCOME must be a 0/1 or true/false
  /// column of T, and nil is returned. `schema` is T's, nil while its columns are known only once
  /// data is read (what cannot be told then is left to the run). Errors at OUTCOME, at D, or at T.
  func checkOutcome(
    _ outcome: Identifier, within: Expr?, of table: Identifier, schema: Schema?
  ) throws(Diagnostic) -> AttributedOutcome? {
    let playsSchema = environment.schema(outcome.text)
    let column = schema?.type(of: outcome.text)
    guard let within else {
      // A column of T by the table's name is the outcome: only a known T can tell.
      guard let schema else { return nil }
      if let column {
        try Self.requireNumeric(outcome, role: "outcome", type: column)
      } else if playsSchema != nil {
        throw Diagnostic(.outcomeNeedsWindow(outcome.text), at: outcome.range)
      } else {
        throw Diagnostic(
          .outcomeNotFound(outcome.text, in: table.text, known: schema.names + environment.tables.keys.sorted()),
          at: outcome.range)
      }
      return nil
    }
    guard let playsSchema else {
      if column != nil { throw Diagnostic(.windowOnColumn(outcome.text, in: table.text), at: within.range) }
      throw Diagnostic(
        .outcomeNotFound(outcome.text, in: table.text, known: (schema?.names ?? []) + environment.tables.keys.sorted()),
        at: outcome.range)
    }
    guard case .literal(.duration(let seconds)) = within.kind, seconds > 0 else {
      throw Diagnostic(.expected("a positive duration such as 7d", after: "'within'", found: "'\(within.range.text)'"), at: within.range)
    }
    if let playsSchema, let problem = LogKeys.problem(in: playsSchema, name: outcome.text, kind: .plays) {
      throw Diagnostic(problem, at: outcome.range)
    }
    if let schema, let problem = LogKeys.problem(in: schema, name: table.text, kind: .exposures) {
      throw Diagnostic(problem, at: table.range)
    }
    return AttributedOutcome(plays: .init(name: outcome.text, range: outcome.range), window: seconds, windowText: within.range.text)
  }

  /// A treatment, outcome or propensity column must hold numbers or true/false (a treatment's
  /// and an outcome's values are checked to be 0/1 when the statement runs).
  static func requireNumeric(_ column: Identifier, role: String, type: ColumnType) throws(Diagnostic) {
    guard [.bool, .int, .float].contains(type) else {
      let wanted = role == "propensity" ? "a numeric propensity column" : "a 0/1 or true/false \(role) column"
      throw Diagnostic(.expected(wanted, found: "'\(column.text)', \(type.noun)"), at: column.range)
    }
  }
}
