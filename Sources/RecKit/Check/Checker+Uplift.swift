import RecCore
import RecEngine
import RecSyntax

extension Checker {
  /// `uplift of T on OUTCOME by KEY [treat C] [within D]`: the treatment a 0/1 or bool column of
  /// T (`shown` unless named), the outcome one too, or with `within D` a table of plays credited
  /// to T's exposures (`checkOutcome`), and the key an expression of T's rows. Nil when T's
  /// columns are known only once data is read.
  func check(_ u: UpliftOf) throws(Diagnostic) -> UpliftPlan? {
    let schema = try requireTable(u.table)
    let attribution = try checkOutcome(u.outcome, within: u.within, of: u.table, schema: schema)
    guard let schema else { return nil }
    let treat = u.treat ?? Identifier("shown", u.table.range)
    guard let type = schema.type(of: treat.text) else {
      if u.treat == nil { throw Diagnostic(.missingTreatment(table: u.table.text), at: treat.range) }
      throw Diagnostic(.unknownColumn(treat.text, in: u.table.text, known: schema.names), at: treat.range)
    }
    try Self.requireNumeric(treat, role: "treatment", type: type)
    guard environment.knowsEveryColumn else { return nil }
    let hasTruthKeys = schema.type(of: "page") != nil && schema.type(of: "slot") != nil
    var bindings = [
      Binding(name: Identifier("key", u.key.range), expr: u.key),
      Binding(name: Identifier("treat", treat.range), expr: Expr(.name(treat.text), treat.range)),
    ]
    // The outcome: a column, or the exposures' member, title and time to credit plays to.
    for column in attribution == nil ? ["outcome"] : LogKeys.columns {
      let name = attribution == nil ? u.outcome.text : column
      bindings.append(Binding(name: Identifier(column, u.outcome.range), expr: Expr(.name(name), u.outcome.range)))
    }
    if hasTruthKeys {
      for key in ["page", "slot"] {
        bindings.append(Binding(name: Identifier(key, u.table.range), expr: Expr(.name(key), u.table.range)))
      }
    }
    let rows = try binder.bind(Pipeline(source: u.table, steps: [Transform(.select(bindings), u.key.range)], range: u.key.range))
    if rows.schema.type(of: "key") == .list {
      throw Diagnostic(.expected("a key with one value per row", found: "a list"), at: u.key.range)
    }
    return UpliftPlan(
      table: u.table.text, tableRange: u.table.range, rows: rows, keyName: Self.upliftKeyName(u.key),
      treat: .init(name: treat.text, range: treat.range), outcome: .init(name: u.outcome.text, range: u.outcome.range),
      attribution: attribution, hasTruthKeys: hasTruthKeys)
  }

  /// The key column's name: the last name of the postfix, unless a result column has it.
  private static func upliftKeyName(_ key: Expr) -> String {
    let name: String
    switch key.kind {
    case .name(let n), .member(_, let n): name = n
    default: name = "key"
    }
    return UpliftPlan.columns.contains(name) ? "key" : name
  }
}
