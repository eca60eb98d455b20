extension Formatter {
  /// `row NAME "TITLE"`, then one clause line each for `for`, `from … [where …]` (or `where`),
  /// `order by`, `exclude` and `limit`, in that order.
  static func lines(_ row: RowDefinition) -> [Line] {
    var lines = [line(header("row", row.name, row.title), at: row.range)]
    if let (variable, source) = row.expansion {
      lines.append(line("for \(variable.text) in \(text(source))", 2, at: variable.range))
    }
    let filter = row.filter.map { "where " + text($0) }
    if let source = row.source {
      lines.append(line((["from " + text(source)] + [filter].compactMap { $0 }).joined(separator: " "), 2, at: source.range))
    } else if let filter, let condition = row.filter {
      lines.append(line(filter, 2, at: condition.range))
    }
    if let first = row.order.first {
      let keys = row.order.map { text($0.expr) + ($0.descending ? " desc" : "") }
      lines.append(line("order by " + list(keys), 2, at: first.expr.range))
    }
    if let first = row.exclude.first { lines.append(line("exclude " + list(row.exclude), 2, at: first.range)) }
    if let limit = row.limit { lines.append(line("limit " + text(limit), 2, at: limit.range)) }
    return lines
  }

  /// `page NAME "TITLE" from table T` on one line, or the header and a clause line each for
  /// `rows`/`candidates`, `utility`, `diversity` and `size`.
  static func lines(_ page: PageDefinition) -> [Line] {
    let header = header("page", page.name, page.title)
    if case .table(let table) = page.layout {
      return [line("\(header) from table \(table.text)", at: page.range)]
    }
    var lines = [line(header, at: page.range)]
    switch page.layout {
    case .rows(let rows): lines.append(line("rows " + list(rows), 2, at: rows[0].range))
    case .candidates(let rows): lines.append(line("candidates " + list(rows), 2, at: rows[0].range))
    case .table, nil: break
    }
    switch page.utility {
    case .formula(let formula): lines.append(line("utility " + text(formula), 2, at: formula.range))
    case .model(let model): lines.append(line("utility model " + model.text, 2, at: model.range))
    case .uplift(let name, let range): lines.append(line("utility uplift" + (name.map { " " + $0.text } ?? ""), 2, at: range))
    case nil: break
    }
    if let diversity = page.diversity { lines.append(line("diversity " + diversity.text, 2, at: diversity.range)) }
    if let size = page.size { lines.append(line("size \(size.rows) x \(size.columns)", 2, at: size.range)) }
    return lines
  }

  /// `diversity NAME`, then its rules in the order written.
  static func lines(_ diversity: DiversityDefinition) -> [Line] {
    [line("diversity " + diversity.name.text, at: diversity.range)]
      + diversity.rules.map { rule, range in
        let text =
          switch rule {
          case .uniqueTitles: "unique titles"
          case .maxRowsPer(let count, let key): "max \(self.text(count)) rows per \(key.text)"
          case .maxSimilarity(let threshold, let by): "max similarity \(self.text(threshold)) by \(by.text)"
          case .penalty(let weight): "penalty " + self.text(weight)
          case .minRowLength(let length): "min row length " + self.text(length)
          }
        return line(text, 2, at: range)
      }
  }

  /// `policy NAME = ALGORITHM [context …] [features …] [trained on T] [learning]`, on one line.
  static func text(_ policy: PolicyDefinition) -> String {
    var text = "policy \(policy.name.text) = \(self.text(policy.algorithm))"
    if !policy.context.isEmpty { text += " context " + list(policy.context.map(self.text)) }
    if !policy.features.isEmpty { text += " features " + list(policy.features.map(self.text)) }
    if let table = policy.trainedOn { text += " trained on " + table.text }
    if policy.learning != nil { text += " learning" }
    return text
  }

  /// `uplift NAME = LEARNER on T [treat C] [outcome C] [within D] [propensity C]`, on one line.
  static func text(_ uplift: UpliftModelDefinition) -> String {
    var text = "uplift \(uplift.name.text) = \(self.text(uplift.learner)) on \(uplift.table.text)"
    if let treat = uplift.treat { text += " treat " + treat.text }
    if let outcome = uplift.outcome { text += " outcome " + outcome.text }
    if let within = uplift.within { text += " within " + self.text(within) }
    if let propensity = uplift.propensity { text += " propensity " + propensity.text }
    return text
  }

  /// `KEYWORD NAME` with the title, when there is one, as written.
  private static func header(_ keyword: String, _ name: Identifier, _ title: Expr?) -> String {
    [keyword, name.text, title.map(text)].compactMap { $0 }.joined(separator: " ")
  }
}
