import RecCore
import RecEngine
import RecSyntax

extension Checker {
  /// `uplift of T on OUTCOME by KEY [treat C]`: the outcome and treatment are 0/1 or bool columns
  /// of T (the treatment `shown` unless named), and the key an expression of T's rows. Nil when
  /// T's columns are known only once data is read.
  func check(_ u: UpliftOf) throws(Diagnostic) -> UpliftPlan? {
    if let within = u.within { throw Diagnostic(.notAvailableYet("uplift … within"), at: within.range) }
    guard let schema = try requireTable(u.table) else { return nil }
    let treat = u.treat ?? Identifier("shown", u.table.range)
    for (role, column) in [("outcome", u.outcome), ("treatment", treat)] {
      guard let type = schema.type(of: column.text) else {
        if u.treat == nil && role == "treatment" { throw Diagnostic(.missingTreatment(table: u.table.text), at: column.range) }
        throw Diagnostic(.unknownColumn(column.text, in: u.table.text, known: schema.names), at: column.range)
      }
      guard [.bool, .int, .float].contains(type) else {
        let found = "'\(column.text)', \(type.noun)"
        throw Diagnostic(.expected("a 0/1 or true/false \(role) column", found: found), at: column.range)
      }
    }
    guard environment.knowsEveryColumn else { return nil }
    let hasTruthKeys = schema.type(of: "page") != nil && schema.type(of: "slot") != nil
    var bindings = [
      Binding(name: Identifier("key", u.key.range), expr: u.key),
      Binding(name: Identifier("treat", treat.range), expr: Expr(.name(treat.text), treat.range)),
      Binding(name: Identifier("outcome", u.outcome.range), expr: Expr(.name(u.outcome.text), u.outcome.range)),
    ]
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
      table: u.table.text, rows: rows, keyName: Self.upliftKeyName(u.key),
      treat: .init(name: treat.text, range: treat.range), outcome: .init(name: u.outcome.text, range: u.outcome.range),
      hasTruthKeys: hasTruthKeys)
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
