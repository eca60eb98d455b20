import RecCore
import RecEngine

/// `uplift of`: the incremental effect of showing, per key, from a randomised holdout.
extension Session {
  /// `uplift of T on OUTCOME by KEY [treat C] [within D]`: one row for all rows, then one per key
  /// value, with the rows and plays of each arm and the difference of the play rates with its 95%
  /// interval; on the demo's exposures, the mean true uplift of the key's rows beside it, unless
  /// the outcome is credited from a table of plays (`within D`).
  func uplift(_ plan: UpliftPlan) throws(Diagnostic) {
    let rows = try runQuery(plan.rows)
    guard let keys = rows["key"], let treat = rows["treat"] else {
      preconditionFailure("uplift rows without their bound columns")
    }
    let treated = try zeroOne(treat, plan.treat, role: "treatment", table: plan.table)
    let played: [Bool]
    var credited: String?
    if let attribution = plan.attribution {
      let exposures = try LogKeys(rows, name: plan.table, kind: .exposures, at: plan.tableRange)
      let (result, line) = try attribute(attribution, to: exposures)
      (played, credited) = (result.played, line)
    } else {
      guard let outcome = rows["outcome"] else { preconditionFailure("uplift rows without their outcome") }
      played = try zeroOne(outcome, plan.outcome, role: "outcome", table: plan.table)
    }
    var truth = demoUplift(of: plan.table, rows: rows)
    if plan.attribution != nil, truth.uplift != nil {
      // The demo's truth is the effect of showing on its `played` draws; its `plays` do not
      // depend on the exposures, so beside plays credited from a table it would mislead.
      truth = (nil, "the demo's true uplift is that on 'played'; its tables of plays do not depend on the exposures")
    }
    if let reason = truth.missing { status("no truth column: " + reason) }
    let analysis = UpliftByKey(keys: keys, treated: treated, played: played, truth: truth.uplift)

    let all = [analysis.total] + analysis.groups
    let differences = all.map(\.difference)
    func optional(_ xs: [Double?]) -> Column { Column(type: .float, values: xs.map { $0.map(Value.float) ?? .null }) }
    var columns: [(String, Column)] = [
      (plan.keyName, Column(type: keys.type, values: all.map(\.key))),
      ("shown", Column(type: .int, ints: all.map(\.shown))),
      ("shown_plays", Column(type: .int, ints: all.map(\.shownPlays))),
      ("held", Column(type: .int, ints: all.map(\.held))),
      ("held_plays", Column(type: .int, ints: all.map(\.heldPlays))),
      ("uplift", optional(differences.map { $0?.diff })),
      ("low", optional(differences.map { $0?.low })),
      ("high", optional(differences.map { $0?.high })),
    ]
    if analysis.total.truthCount > 0 { columns.append(("truth", optional(all.map(\.truth)))) }
    let table = Table(columns)
    let metrics: Set<String> = ["uplift", "low", "high", "truth"]
    keepResult(table, from: [plan.table], metricColumns: metrics)
    show(table, metricColumns: metrics)
    if let credited { status(credited) }

    status(
      "first row: all rows; treated: '\(plan.treat.name)' true or 1; uplift: play rate shown − play rate held out, "
        + "95% intervals as two-proportion z (unpooled)")
    if analysis.missingKeys > 0 {
      status("\(count(analysis.missingKeys, "row")) with no '\(plan.keyName)' counted in the first row only")
    }
    let oneArm = analysis.groups.filter { !$0.hasBothArms }
    if !oneArm.isEmpty {
      let shown = oneArm.prefix(5).map { CellFormatter.csv($0.key) }.joined(separator: ", ")
      warn(
        .oneArmOnly(
          oneArm.count, of: analysis.groups.count, key: plan.keyName, examples: shown + (oneArm.count > 5 ? ", …" : "")))
    }
  }

  /// Each exposure's outcome credited from the attribution's table of plays, and the status line
  /// that says how and how many.
  func attribute(
    _ attribution: AttributedOutcome, to exposures: LogKeys
  ) throws(Diagnostic) -> (attribution: PlayAttribution, status: String) {
    let log = try table(attribution.plays.name, at: attribution.plays.range)
    let plays = try LogKeys(log, name: attribution.plays.name, kind: .plays, at: attribution.plays.range)
    let credited = try PlayAttribution(
      exposures: exposures, plays: plays, window: attribution.window, cancellation: cancellation)
    return (credited, attribution.describe(credited, plays: plays.count))
  }

  /// The column's values as treated/played flags; a value other than 0, 1, true or false (or a
  /// missing one) is an error at the column's name in the statement.
  func zeroOne(_ column: Column, _ named: UpliftPlan.Named, role: String, table: String) throws(Diagnostic) -> [Bool] {
    var flags: [Bool] = []
    flags.reserveCapacity(column.count)
    // Whole numbers and flags are read as they are stored; others through their values.
    if [.int, .bool].contains(column.type) {
      for i in 0..<column.count {
        guard let x = column.int(at: i), x == 0 || x == 1 else { break }
        flags.append(x == 1)
      }
      if flags.count == column.count { return flags }
      flags.removeAll(keepingCapacity: true)
    }
    for i in 0..<column.count {
      let value = column.value(at: i)
      guard let x = value.number, x == 0 || x == 1 else {
        let shown = value.isNull ? "no value" : CellFormatter.csv(value)
        throw Diagnostic(.notZeroOne(role, named.name, table: table, row: i + 1, value: shown), at: named.range)
      }
      flags.append(x == 1)
    }
    return flags
  }

  /// Each row's true uplift from `truth.exposures`, found by its page and slot, when the demo is
  /// loaded and `rows` are rows of its `exposures` (the table `table`, or a split or filter of it)
  /// with their `page` and `slot`; otherwise nil, with why when the demo is loaded.
  func demoUplift(of table: String, rows: Table) -> (uplift: [Double]?, missing: String?) {
    guard demo != nil, let truth = tables["truth.exposures"] else { return (nil, nil) }
    guard lineage.rows(of: table, comeFrom: "exposures") == nil else {
      return (nil, "'\(table)' is not the demo's exposures, nor made from them alone")
    }
    guard let page = rows["page"], let slot = rows["slot"],
      let truthPage = truth["page"], let truthSlot = truth["slot"], let uplift = truth["uplift"]
    else {
      return (nil, "'\(table)' has no 'page' and 'slot' columns to find its rows' truth by")
    }
    // A page has at most 8 slots: page · 16 + slot names a row.
    var byRow: [Int: Double] = [:]
    byRow.reserveCapacity(truth.count)
    for i in 0..<truth.count {
      guard let p = truthPage.int(at: i), let s = truthSlot.int(at: i), let u = uplift.double(at: i) else { continue }
      byRow[p &* 16 &+ s] = u
    }
    let values = (0..<rows.count).map { i in
      guard let p = page.int(at: i), let s = slot.int(at: i) else { return Double.nan }
      return byRow[p &* 16 &+ s] ?? .nan
    }
    return (values, nil)
  }
}
