import RecCore

extension Formatter {
  /// The printed lines of `statement`; definitions are printed in `Formatter+Definitions.swift`.
  static func lines(_ statement: Statement) -> [Line] {
    let at = statement.range
    func one(_ text: String) -> [Line] { [line(text, at: at)] }
    switch statement.kind {
    case .load(let load): return one(text(load))
    case .save(let table, let path): return one("save \(table.text) to \(text(path))")
    case .split(let split): return one(text(split))
    case .query(let pipeline): return lines(pipeline, prefix: "")
    case .assign(let name, let pipeline): return lines(pipeline, prefix: "let \(name.text) = ")
    case .set(let name, let value): return one("set \(name.text) \(text(value))")
    case .row(let row): return lines(row)
    case .page(let page): return lines(page)
    case .diversity(let diversity): return lines(diversity)
    case .model(let m): return one("model \(m.name.text) = \(m.kind.text)(\(list(m.features.map(text)))) on \(m.table.text)")
    case .metric(let m): return one("metric \(m.name.text) = \(text(m.formula)) on \(m.table.text)")
    case .policy(let policy): return one(text(policy))
    case .ranker(let ranker): return lines(ranker)
    case .show(let what, let name, let member):
      return one("show \(what.text) \(name.text) for member \(text(member))")
    case .explain(let page, let member): return one("explain page \(page.text) for member \(text(member))")
    case .explainSearch(let query, let member, let ranker, let limit):
      let with = ranker.map { " with " + $0.text } ?? ""
      let cap = limit.map { " limit " + text($0) } ?? ""
      return one("explain search \(text(query)) for member \(text(member))" + with + cap)
    case .eval(let eval): return lines(eval, at: at)
    case .sweep(let s):
      let output = s.output.map { " to " + text($0) } ?? ""
      return one(
        "sweep \(text(s.metric)) for \(s.variable.text) in \(text(s.values)) over \(list(s.pages)) on \(s.split.text)"
          + output)
    case .upliftSweep(let s):
      let output = s.output.map { " to " + text($0) } ?? ""
      return one("sweep \(s.curve.text) over \(list(s.models)) on \(s.table.text)" + output)
    case .pick(let member, let title, let policy):
      return one("pick artwork for member \(text(member)) title \(text(title)) with \(policy.text)")
    case .simulate(let policies, let impressions, let seed):
      let seed = seed.map { " seed " + text($0) } ?? ""
      return one("simulate \(list(policies)) on artwork for \(text(impressions)) impressions" + seed)
    case .replay(let policies, let table): return one("replay \(list(policies)) on \(table.text)")
    case .estimate(let policies, let table, let estimators, let clip, let interval):
      var text = "estimate \(list(policies)) on \(table.text) with \(list(estimators))"
      if let clip { text += " clip " + self.text(clip) }
      if let interval { text += " interval " + interval.text }
      return one(text)
    case .abtest(let test): return one(text(test))
    case .search(let search):
      var line = "search \(text(search.query)) for member \(text(search.member))"
      if let ranker = search.ranker { line += " with " + ranker.text }
      if let limit = search.limit { line += " limit " + text(limit) }
      if let at = search.at { line += " at " + text(at) }
      return one(line)
    case .cluster(let what, let count, let by, let seed):
      let seed = seed.map { " seed " + text($0) } ?? ""
      return one("cluster \(what.text) into \(text(count)) by \(by.text)" + seed)
    case .uplift(let u):
      var line = "uplift of \(u.table.text) on \(u.outcome.text) by \(text(u.key))"
      if let treat = u.treat { line += " treat " + treat.text }
      if let within = u.within { line += " within " + text(within) }
      return one(line)
    case .upliftModel(let u): return one(text(u))
    case .importFile(let path, let replacing): return one("import \(text(path))" + (replacing ? " replacing" : ""))
    case .export(let page, let path): return one("export page \(page.text) to \(text(path))")
    }
  }

  private static func text(_ load: Load) -> String {
    switch load {
    case .demo(let options):
      return (["load demo"] + options.map { "\($0.0.text) \(text($0.1))" }).joined(separator: " ")
    case .dataset(let format, let path):
      return "load \(format.text) \(text(path))"
    case .table(let name, let path, let format, let map, let missing, let types):
      var text = "load table \(name.text) from \(self.text(path))"
      if let format { text += " as \(format.text)" }
      if !map.isEmpty { text += " map " + list(map.map { "\($0.to.text) = \($0.from.text)" }) }
      if !missing.isEmpty { text += " na " + list(missing.map { self.text($0) }) }
      if !types.isEmpty { text += " types " + list(types.map { "\($0.column.text): \($0.type.text)" }) }
      return text
    }
  }

  private static func text(_ split: Split) -> String {
    let method =
      switch split.method {
      case .time(let at): "by time at \(text(at))"
      case .memberLast(let count): "by member last \(text(count))"
      case .random(let fraction, let seed): "random \(text(fraction))" + (seed.map { " seed " + text($0) } ?? "")
      }
    return "split \(split.table.text) \(method) into \(split.train.text), \(split.test.text)"
  }

  /// A pipeline on one line when it was written on one, else `from T` with a `  | step` line
  /// per transform.
  private static func lines(_ pipeline: Pipeline, prefix: String) -> [Line] {
    let head = line(prefix + "from " + pipeline.source.text, at: pipeline.range)
    let file = pipeline.range.file
    let onOneLine =
      file.line(of: pipeline.range.bytes.lowerBound) == file.line(of: max(0, pipeline.range.bytes.upperBound - 1))
    guard !onOneLine else {
      return [Line(text: ([head.text] + pipeline.steps.map(text)).joined(separator: " | "), indentation: 0,
        sourceLine: head.sourceLine)]
    }
    return [head] + pipeline.steps.map { line("| " + text($0), 2, at: $0.range) }
  }

  private static func text(_ step: Transform) -> String {
    switch step.kind {
    case .filter(let condition): "where " + text(condition)
    case .select(let bindings): "select " + list(bindings.map(text))
    case .derive(let bindings): "derive " + list(bindings.map(text))
    case .group(let keys, let aggregates):
      (["group by"] + (keys.isEmpty ? [] : [list(keys.map(text))])
        + (aggregates.isEmpty ? [] : ["(" + list(aggregates.map(text)) + ")"])).joined(separator: " ")
    case .sort(let keys): "sort " + list(keys.map { ($0.descending ? "-" : "") + text($0.expr) })
    case .take(let count): "take " + text(count)
    case .join(let table, let condition): "join \(table.text) on \(text(condition))"
    case .distinct(let bindings): bindings.isEmpty ? "distinct" : "distinct " + list(bindings.map(text))
    }
  }

  /// `eval P, … on S`, then a clause line per clause, in the grammar's order.
  private static func lines(_ eval: Evaluation, at range: SourceRange) -> [Line] {
    var lines = [line("eval \(list(eval.pages)) on \(eval.split.text)", at: range)]
    if let first = eval.metrics.first {
      lines.append(line("metrics " + list(eval.metrics.map(text)), 2, at: first.range))
    }
    if let baseline = eval.baseline { lines.append(line("baseline " + baseline.text, 2, at: baseline.range)) }
    if let segment = eval.segment { lines.append(line("by " + text(segment), 2, at: segment.range)) }
    if eval.perMember { lines.append(line("per member", 2, at: wordRange("per", in: range) ?? range)) }
    if eval.perSearch { lines.append(line("per search", 2, at: wordRange("per", in: range) ?? range)) }
    if eval.long { lines.append(line("long", 2, at: wordRange("long", in: range) ?? range)) }
    if let test = eval.test { lines.append(line("test " + test.text, 2, at: test.range)) }
    return lines
  }

  private static func text(_ test: ABTest) -> String {
    switch test {
    case .pages(let control, let treatment, let split, let ratio, let seed, let metrics):
      var text = "abtest \(control.text) vs \(treatment.text) on \(split.text)"
      if let ratio { text += " split \(ratio.0)/\(ratio.1)" }
      if let seed { text += " seed " + self.text(seed) }
      if !metrics.isEmpty { text += " metrics " + list(metrics.map(self.text)) }
      return text
    case .logged(let table, let group, let metric, let control, let unit):
      let control = control.map { " control " + text($0) } ?? ""
      let unitText = unit.map { " unit " + $0.text } ?? ""
      return "abtest on \(table.text) group \(group.text) metric \(metric.text)" + control + unitText
    }
  }

  /// The range of the first identifier token `word` inside `range`, for a clause the tree
  /// keeps no range of (`per member`).
  package static func wordRange(_ word: String, in range: SourceRange) -> SourceRange? {
    var lexer = Lexer(range.file, range: range.bytes)
    let token = lexer.tokenize().first { $0.kind == .identifier && range.file.text($0.range) == word }
    return token.map { SourceRange(file: range.file, bytes: $0.range) }
  }
}
