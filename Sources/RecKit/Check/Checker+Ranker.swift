import RecCore
import RecEngine
import RecSyntax

/// `ranker` definitions and `explain search`.
extension Checker {
  /// Reads the model and its options, the candidate sources, every feature (each on its own
  /// family's line), `negatives` and the table it trains on.
  func check(_ definition: RankerDefinition) throws(Diagnostic) -> RankerSpec {
    guard let trainedOn = definition.trainedOn else {
      throw Diagnostic(.expected("a 'trained on TABLE' clause", after: "'ranker \(definition.name.text)'"), at: definition.range)
    }
    if let schema = try requireTable(trainedOn) {
      for column in ["member", "query", "at", "clicked"] where !schema.columns.contains(where: { $0.name == column }) {
        throw Diagnostic(.unknownColumn(column, in: trainedOn.text, known: schema.columns.map(\.name)), at: trainedOn.range)
      }
    }
    let (model, seed) = try rankerModel(definition.model)
    var features: [SearchFeature] = []
    for (family, written) in definition.families {
      for expr in written {
        guard case .name(let name) = expr.kind else {
          throw Diagnostic(.expected("a feature name"), at: expr.range)
        }
        guard let feature = SearchFeature(rawValue: name) else {
          throw Diagnostic(
            .unknownSearchFeature(
              name, family: family.text,
              known: SearchFeature.names(of: SearchFeature.Family(rawValue: family.text) ?? .context)),
            at: expr.range)
        }
        guard feature.family.rawValue == family.text else {
          throw Diagnostic(.featureOfOtherFamily(name, family: feature.family.rawValue), at: expr.range)
        }
        if feature == .clusterAffinity, environment.schema("title_clusters") == nil {
          throw Diagnostic(.needsClusters(name), at: expr.range)
        }
        if !features.contains(feature) { features.append(feature) }
      }
    }
    guard !features.isEmpty else {
      throw Diagnostic(
        .expected("a 'context', 'title' or 'context_title' feature line", after: "'ranker \(definition.name.text)'"),
        at: definition.range)
    }
    var negatives: Int?
    if let e = definition.negatives {
      if case .name("all") = e.kind {
        negatives = nil
      } else {
        negatives = try integer(e, in: 1...100_000, expected: "a number of negatives from 1 to 100,000, or 'all'")
      }
    }
    return RankerSpec(
      model: model, seed: seed, sources: try candidateSources(definition.candidates),
      limit: try definition.limit.map { e throws(Diagnostic) in try integer(e, in: 1...1_000_000, expected: "a limit from 1 to 1,000,000") },
      features: features, negatives: negatives, table: trainedOn.text, tableRange: trainedOn.range, range: definition.range)
  }

  /// `logistic`, or `mlp(hidden: 32 | [64, 32], epochs:, batch:, lr:, l2:, seed:)` with the
  /// defaults 32 units, 5 epochs, batches of 256, rate 0.001, l2 0.0001 and the session's seed.
  private func rankerModel(_ expr: Expr) throws(Diagnostic) -> (RankerSpec.Model, UInt64) {
    let (name, arguments): (String, [Argument])
    switch expr.kind {
    case .name(let n): (name, arguments) = (n, [])
    case .call(let n, let a): (name, arguments) = (n, a)
    default: throw Diagnostic(.expected("a ranker model: 'logistic' or 'mlp(hidden: 32)'"), at: expr.range)
    }
    guard RankerSpec.models.contains(name) else {
      throw Diagnostic(.unknownModelKind(name, known: RankerSpec.models), at: expr.range)
    }
    var settings = NetworkSettings(hidden: [32], epochs: 5, batch: 256, learningRate: 0.001, l2: 0.0001)
    var seed = self.seed
    for argument in arguments {
      let label = argument.label?.text ?? ""
      let value = argument.value
      switch (name, label) {
      case ("mlp", "hidden"):
        let layers: [Expr]
        if case .list(let items) = value.kind { layers = items } else { layers = [value] }
        settings.hidden = []
        for layer in layers {
          settings.hidden.append(try integer(layer, in: 1...4096, expected: "a layer width from 1 to 4,096", after: "'hidden:'"))
        }
        if settings.hidden.isEmpty { throw Diagnostic(.expected("at least one layer width", after: "'hidden:'"), at: value.range) }
      case ("mlp", "epochs"): settings.epochs = try integer(value, in: 1...10_000, expected: "a number of epochs from 1 to 10,000")
      case ("mlp", "batch"): settings.batch = try integer(value, in: 1...1_000_000, expected: "a batch size from 1 to 1,000,000")
      case ("mlp", "lr"): settings.learningRate = try positive(value, "lr")
      case ("mlp", "l2"): settings.l2 = try positive(value, "l2", orZero: true)
      case ("mlp", "seed"): seed = UInt64(try integer(value, in: 0...Int.max, expected: "a non-negative integer seed"))
      default:
        throw Diagnostic(.unexpectedArgument(argument.label?.text, of: name), at: argument.label?.range ?? value.range)
      }
    }
    return (name == "logistic" ? .logistic : .network(settings), seed)
  }

  /// A number written as a literal, more than 0 (or 0 too).
  private func positive(_ e: Expr, _ label: String, orZero: Bool = false) throws(Diagnostic) -> Double {
    let x: Double
    switch e.kind {
    case .literal(.int(let n)): x = Double(n)
    case .literal(.float(let f)), .literal(.percent(let f)): x = f
    default: x = -1
    }
    guard x.isFinite, x > 0 || (orZero && x == 0) else {
      throw Diagnostic(.expected(orZero ? "a number, 0 or more" : "a number more than 0", after: "'\(label):'"), at: e.range)
    }
    return x
  }

  /// `prefix(typos: 0|1)`, `genre`, `cast`, `directors`; all four when the clause is absent.
  private func candidateSources(_ written: [Expr]) throws(Diagnostic) -> [SearchCandidates.Source] {
    guard !written.isEmpty else { return SearchCandidates.Source.all }
    let known = ["prefix", "genre", "cast", "directors"]
    var sources: [SearchCandidates.Source] = []
    for e in written {
      switch e.kind {
      case .name("genre"): sources.append(.genre)
      case .name("cast"): sources.append(.cast)
      case .name("directors"): sources.append(.directors)
      case .name("prefix"): sources.append(.prefix(typos: 1))
      case .call("prefix", let arguments):
        var typos = 1
        for argument in arguments {
          guard argument.label?.text == "typos" else {
            throw Diagnostic(.unexpectedArgument(argument.label?.text, of: "prefix"), at: argument.value.range)
          }
          typos = try integer(argument.value, in: 0...1, expected: "0 or 1", after: "'typos:'")
        }
        sources.append(.prefix(typos: typos))
      case .name(let name), .call(let name, _):
        throw Diagnostic(.unknownSource(name, known: known), at: e.range)
      default:
        throw Diagnostic(.expected("a candidate source: 'prefix(typos: 1)', 'genre', 'cast' or 'directors'"), at: e.range)
      }
    }
    return sources
  }

  /// The query, member, ranker (the last one defined when not named) and limit (10) of
  /// `explain search`.
  func checkExplainSearch(query: Expr, member: Expr, ranker: Identifier?, limit: Expr?, at range: SourceRange)
    throws(Diagnostic) -> ExplainSearchPlan
  {
    guard case .literal(.string(let text)) = query.kind else {
      throw Diagnostic(.expected("a query in quotes", after: "'explain search'"), at: query.range)
    }
    let name: String
    let nameRange: SourceRange
    if let ranker {
      _ = try require(ranker, as: .ranker, \.ranker)
      (name, nameRange) = (ranker.text, ranker.range)
    } else if let last = environment.definitions.values.last(where: { $0.kind == .ranker })?.name {
      (name, nameRange) = (last, range)
    } else {
      throw Diagnostic(.expected("a ranker: define one with 'ranker NAME = logistic'", after: "'explain search'"), at: range)
    }
    return ExplainSearchPlan(
      query: text, member: try memberChoice(member), ranker: name, rankerRange: nameRange,
      limit: try limit.map { e throws(Diagnostic) in try integer(e, in: 1...1000, expected: "a limit from 1 to 1,000") } ?? 10)
  }

  /// The tables a ranker keeps: its training rows (columns known once trained), its initial and
  /// trained weights and its standardisation.
  mutating func declareRankerTables(_ name: String, from table: String) {
    let weights = Schema([("layer", .int), ("row", .int), ("col", .int), ("value", .float)])
    environment.declare(name + ".training", nil, from: [table])
    environment.declare(name + ".init", weights, from: [table])
    environment.declare(name + ".weights", weights, from: [table])
    environment.declare(name + ".scaler", Schema([("feature", .string), ("mean", .float), ("sd", .float)]), from: [table])
  }
}
