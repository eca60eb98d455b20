import RecCore
import RecEngine
import RecSyntax

/// `eval M, … on TABLE metrics qini, auuc, uplift@10%, …` over uplift models.
extension Checker {
  /// Metrics of an uplift `eval` without a `metrics` clause, located at `range`.
  static func defaultUpliftMetrics(at range: SourceRange) -> [UpliftMetric] {
    [
      UpliftMetric(kind: .qini(negativeEffect: true), label: "qini", range: range),
      UpliftMetric(kind: .auuc, label: "auuc", range: range),
      UpliftMetric(kind: .uplift(.share(0.1), byGroup: false), label: "uplift@10%", range: range),
    ]
  }

  /// Whether `e` evaluates uplift models: its first name is one, or it names no definition and
  /// asks only for uplift metrics (a column of scores).
  func evaluatesUplift(_ e: Evaluation) -> Bool {
    guard let first = e.pages.first else { return false }
    if let definition = environment.definitions[first.text] { return definition.kind == .uplift }
    return !e.metrics.isEmpty && e.metrics.allSatisfy { UpliftMetric.names.contains($0.name) }
  }

  /// The `uplift NAME = …` definition `name` names (its spec nil while its features can be bound
  /// only once a file is read); an error with a suggestion for any other name.
  @discardableResult
  func requireUplift(_ name: Identifier) throws(Diagnostic) -> UpliftModelSpec? {
    guard case .uplift(let spec) = try require(name, as: .uplift, \.meaning) else {
      throw Diagnostic(.unknownDefinition("uplift", name.text, known: environment.names(of: .uplift)), at: name.range)
    }
    return spec
  }

  /// `requireUplift` for ranking titles: a model with a feature read from its log's columns cannot.
  func requireRankingUplift(_ name: Identifier) throws(Diagnostic) {
    if let spec = try requireUplift(name), let feature = spec.logFeature {
      throw Diagnostic(.logFeatureInRanking(name.text, feature: feature.text, table: spec.table.name), at: name.range)
    }
  }

  /// Known uplift models (a `baseline` among them, first when not named before), a table of
  /// exposures (not a split: the models were trained on a side of one already) and uplift
  /// metrics; `by`, `per` and `long` are for pages and searches. Nil while a
  /// model's features can be bound only once a file is read.
  func checkUpliftEval(_ e: Evaluation) throws(Diagnostic) -> UpliftEvalPlan? {
    var names = e.pages
    if let baseline = e.baseline, !names.contains(where: { $0.text == baseline.text }) { names.insert(baseline, at: 0) }
    let models = try requireScores(names, on: e.split)
    if let segment = e.segment { throw Diagnostic(.notAvailableYet("eval … by"), at: segment.range) }
    if e.perMember || e.perSearch || e.long || e.test != nil {
      throw Diagnostic(.notAvailableYet("eval of uplift models with 'per', 'long' or 'test'"), at: e.split.range)
    }
    var metrics: [UpliftMetric] = []
    for ref in e.metrics { metrics.append(try Self.upliftMetric(ref)) }
    guard let specs = Self.bound(models) else { return nil }
    return UpliftEvalPlan(
      models: specs, table: .init(name: e.split.text, range: e.split.range),
      metrics: metrics.isEmpty ? Self.defaultUpliftMetrics(at: e.split.range) : metrics, baseline: e.baseline?.text,
      seed: seed)
  }

  /// A name that is no definition, read as a numeric column of scores of `table` (named
  /// `tableName`, whose columns are known once a file is read when nil), judged with its
  /// `shown` and `played` columns; an error naming the uplift models and the columns otherwise.
  private func scoreColumn(_ name: Identifier, in table: Schema?, named tableName: String) throws(Diagnostic)
    -> UpliftEvalPlan.Scores
  {
    guard let table else { return .column }
    guard let type = table.type(of: name.text) else {
      throw Diagnostic(
        .unknownScores(name.text, table: tableName, known: environment.names(of: .uplift) + table.names), at: name.range)
    }
    guard [.int, .float].contains(type) else {
      throw Diagnostic(.expected("a numeric column of scores", found: "'\(name.text)', \(type.noun)"), at: name.range)
    }
    let arms = UpliftEvalPlan.scoreColumnArms
    for column in [arms.treat, arms.outcome] where table.type(of: column) == nil {
      throw Diagnostic(.scoresWithoutArms(name.text, table: tableName, missing: column), at: name.range)
    }
    return .column
  }

  /// What scores the rows for each of `names`: an uplift model, or, for a name that is no
  /// definition, a numeric column of `table` (`scoreColumn`); with the models' columns checked on
  /// `table` (`requireUpliftColumns`). A score nil while a model's features can be bound only
  /// once a file is read.
  func requireScores(_ names: [Identifier], on table: Identifier) throws(Diagnostic)
    -> [(name: Identifier, scores: UpliftEvalPlan.Scores?)]
  {
    let schema = try requireTable(table)
    var scores: [(name: Identifier, scores: UpliftEvalPlan.Scores?)] = []
    var trained: [(name: Identifier, spec: UpliftModelSpec?)] = []
    for name in names {
      if environment.definitions[name.text] == nil {
        scores.append((name, try scoreColumn(name, in: schema, named: table.text)))
      } else {
        let spec = try requireUplift(name)
        trained.append((name, spec))
        scores.append((name, spec.map { .model($0) }))
      }
    }
    try requireUpliftColumns(of: trained, in: table)
    return scores
  }

  /// The table `table`, which must have each model's treatment and outcome columns, and the
  /// columns its features read from a log with the types it was trained on (an error at the
  /// model's name otherwise).
  func requireUpliftColumns(of models: [(name: Identifier, spec: UpliftModelSpec?)], in table: Identifier) throws(Diagnostic) {
    guard let schema = try requireTable(table) else { return }
    for (name, spec) in models {
      guard let spec else { continue }
      // An attributed outcome is credited from the model's table of plays, not read from T.
      for column in [spec.treat] + (spec.attribution == nil ? [spec.outcome] : []) where schema.type(of: column.name) == nil {
        throw Diagnostic(.unknownColumn(column.name, in: table.text, known: schema.names), at: name.range)
      }
      for feature in spec.features where feature.readsLog {
        for (column, type) in feature.bound.columnsRead {
          guard let found = schema.type(of: column) else {
            throw Diagnostic(.unknownColumn(column, in: table.text, known: schema.names), at: name.range)
          }
          guard found == type else {
            throw Diagnostic(
              .expected("'\(column)' of '\(table.text)' as \(type.noun), as '\(name.text)' read it", found: found.noun),
              at: name.range)
          }
        }
      }
    }
  }

  /// The scores by name; nil while one is not known yet.
  static func bound(_ scores: [(name: Identifier, scores: UpliftEvalPlan.Scores?)])
    -> [(name: String, scores: UpliftEvalPlan.Scores)]?
  {
    let known = scores.compactMap { score in score.scores.map { (score.name.text, $0) } }
    return known.count == scores.count ? known : nil
  }

  /// The uplift metric `ref` names; errors at the reference: an unknown name, a missing or
  /// misplaced cut-off, a cut-off outside 0%–100% or below 1 row, an unknown variant.
  static func upliftMetric(_ ref: MetricRef) throws(Diagnostic) -> UpliftMetric {
    let label = ref.name + suffix(of: ref)
    guard UpliftMetric.names.contains(ref.name) else {
      throw Diagnostic(.unknownMetric(ref.name, suffix: suffix(of: ref), known: UpliftMetric.names), at: ref.range)
    }
    let known = UpliftMetric.variants[ref.name] ?? []
    if let variant = ref.variant, !known.contains(variant) {
      throw Diagnostic(.unknownMetricVariant(variant, of: ref.name, known: known), at: ref.range)
    }
    var cut: UpliftCut?
    switch ref.cutoff {
    case .none: break
    case .percent(let share):
      guard share > 0, share < 1 else {
        throw Diagnostic(
          .expected("a cut-off strictly between 0% and 100%", found: MetricRef.percentText(share)), at: ref.range)
      }
      cut = .share(share)
    case .k(.value(let rows)):
      guard rows >= 1 else { throw Diagnostic(.cutoffTooSmall(label), at: ref.range) }
      cut = .rows(rows)
    case .k(.variable), .grid:
      throw Diagnostic(.expected("a cut-off such as '\(ref.name)@10%' or '\(ref.name)@500'", found: "'\(label)'"), at: ref.range)
    }
    let kind: UpliftMetric.Kind
    switch (ref.name, cut) {
    case ("qini", nil):
      kind = ref.variant == "causalml" ? .qiniCausalML : .qini(negativeEffect: ref.variant != "no_negative")
    case ("auuc", nil):
      kind = ref.variant == "causalml" ? .auucCausalML : .auuc
    case ("uplift", let cut?):
      kind = .uplift(cut, byGroup: ref.variant == "by_group")
    case ("true_uplift", let cut?):
      kind = .trueUplift(cut)
    case ("qini", _), ("auuc", _):
      throw Diagnostic(.unexpectedCutoff(ref.name), at: ref.range)
    default:
      throw Diagnostic(.expected("a cut-off such as '\(ref.name)@10%'", after: "'\(ref.name)'"), at: ref.range)
    }
    return UpliftMetric(kind: kind, label: label, range: ref.range)
  }
}
