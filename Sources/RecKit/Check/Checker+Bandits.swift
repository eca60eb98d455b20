import RecCore
import RecEngine
import RecSyntax

/// `policy`, `pick`, `simulate`, `replay` and `estimate`: the artwork bandits.
extension Checker {
  /// The most impressions `simulate` plays.
  static let simulatedImpressions = 1...100_000_000

  /// A policy definition: its algorithm and arguments read, its context and features checked
  /// against the demo's `impressions` (the table policies are most often judged on) when that
  /// table's columns are known, its training table known.
  func check(_ definition: PolicyDefinition) throws(Diagnostic) -> PolicySpec {
    var context: [ContextColumn] = []
    for e in definition.context { context.append(try contextColumn(e)) }
    var features: [FeatureName] = []
    for e in definition.features { features.append(try featureName(e)) }
    if let table = definition.trainedOn { try requireTable(table) }
    let spec = PolicySpec(
      name: definition.name.text, algorithm: try algorithm(definition), context: context, features: features,
      trainedOn: definition.trainedOn.map { ($0.text, $0.range) }, learning: definition.learning != nil)
    if let requests = environment.schema("impressions") ?? nil { try check(spec, on: requests) }
    return spec
  }

  /// The policies `names` as judged on the table whose columns are `requests` (nil: not known
  /// yet), each looked up and its context and features checked against that table.
  private func policies(_ names: [Identifier], on requests: Schema?) throws(Diagnostic) -> [PolicySpec] {
    var specs: [PolicySpec] = []
    for name in names {
      let spec = try require(name, as: .policy, \.policy)
      if let requests { try check(spec, on: requests) }
      specs.append(spec)
    }
    return specs
  }

  /// Every context name must be a column of the requests, of `members` or of the demo's
  /// `truth.members`; every feature a built-in or a column of the requests.
  private func check(_ spec: PolicySpec, on requests: Schema) throws(Diagnostic) {
    let members = environment.schema("members") ?? nil
    let truth = environment.schema("truth.members") ?? nil
    for column in spec.context {
      let found =
        (!column.ofMember && requests.type(of: column.name) != nil) || members?.type(of: column.name) != nil
        || truth?.type(of: column.name) != nil
      guard !found else { continue }
      var known = requests.names
      for schema in [members, truth].compactMap({ $0 }) {
        known += schema.names.filter { $0 != "id" && $0 != "member" && !known.contains($0) }
      }
      throw Diagnostic(.unknownContext(column.name, known: known), at: column.range)
    }
    for feature in spec.features {
      switch feature.written {
      case "member.taste":
        guard environment.hasDemo else { throw Diagnostic(.needsDemo("member.taste"), at: feature.range) }
      case "artwork.tags":
        guard let artworks = environment.schema("artworks") else {
          throw Diagnostic(.unknownFeature(feature.written, known: LinearFeatures.builtIns + requests.names), at: feature.range)
        }
        if let artworks, artworks.type(of: "tags") != .list || artworks.type(of: "id") == nil {
          throw Diagnostic(.unknownFeature(feature.written, known: LinearFeatures.builtIns + requests.names), at: feature.range)
        }
      default:
        guard let type = requests.type(of: feature.written), [.int, .float, .bool, .string].contains(type) else {
          throw Diagnostic(.unknownFeature(feature.written, known: LinearFeatures.builtIns + requests.names), at: feature.range)
        }
      }
    }
  }

  private func contextColumn(_ e: Expr) throws(Diagnostic) -> ContextColumn {
    switch e.kind {
    case .name(let n):
      return ContextColumn(name: n, ofMember: false, range: e.range)
    case .member(let base, let n):
      guard case .name("member") = base.kind else { break }
      return ContextColumn(name: n, ofMember: true, range: e.range)
    default:
      break
    }
    throw Diagnostic(.expected("a column or 'member.COLUMN'", after: "'context'"), at: e.range)
  }

  private func featureName(_ e: Expr) throws(Diagnostic) -> FeatureName {
    switch e.kind {
    case .name(let n):
      return FeatureName(written: n, range: e.range)
    case .member(let base, let n):
      if case .name(let b) = base.kind { return FeatureName(written: "\(b).\(n)", range: e.range) }
    default:
      break
    }
    throw Diagnostic(.expected("a feature column, 'member.taste' or 'artwork.tags'"), at: e.range)
  }

  /// The algorithm and its arguments: `random`, `epsilon_greedy(epsilon: 10%)`, `thompson(prior:
  /// beta(1, 1))`, … each argument in its range.
  private func algorithm(_ definition: PolicyDefinition) throws(Diagnostic) -> PolicySpec.Algorithm {
    let expr = definition.algorithm
    let (function, arguments): (String, [Argument])
    switch expr.kind {
    case .name(let n): (function, arguments) = (n, [])
    case .call(let n, let a): (function, arguments) = (n, a)
    default: throw Diagnostic(.expected("a policy algorithm such as 'thompson(prior: beta(1, 1))'"), at: expr.range)
    }
    var reader = PolicyArguments(function: function, arguments: arguments, range: expr.range)
    let algorithm: PolicySpec.Algorithm
    switch function {
    case "random": algorithm = .random
    case "greedy": algorithm = .greedy
    case "logged": algorithm = .logged
    case "epsilon_greedy":
      algorithm = .epsilonGreedy(epsilon: try reader.number("epsilon", in: 0...1, as: "between 0% and 100%"))
    case "ucb":
      algorithm = .ucb(c: try reader.number("c", default: 1, in: 0...Double.greatestFiniteMagnitude, as: "0 or more"))
    case "thompson":
      let (a, b) = try reader.betaPrior()
      algorithm = .thompson(a: a, b: b)
    case "linucb":
      algorithm = .linUCB(
        alpha: try reader.number("alpha", default: 1, in: 0...Double.greatestFiniteMagnitude, as: "0 or more"))
    case "lin_thompson":
      algorithm = .linThompson(
        v: try reader.number(
          "v", default: 1, in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude, as: "more than 0"))
    default:
      throw Diagnostic(.unknownPolicyAlgorithm(function, known: PolicySpec.algorithms), at: expr.range)
    }
    try reader.finish()
    if algorithm.isLinear && definition.features.isEmpty {
      throw Diagnostic(.expected("a 'features' clause for '\(function)'", after: "the algorithm"), at: expr.range)
    }
    return algorithm
  }

  // MARK: - Statements

  func checkPick(member: Expr, title: Expr, policy: Identifier) throws(Diagnostic) -> PickPlan {
    guard let requests = environment.schema("impressions") else {
      throw Diagnostic(.unknownTable("impressions", known: environment.tables.keys.sorted()), at: policy.range)
    }
    let spec = try policies([policy], on: requests)[0]
    let memberID = try integer(member, in: 0...Int.max, expected: "a non-negative integer member")
    let written: TitleChoice.Written
    if case .literal(.string(let name)) = title.kind {
      try requireTable(Identifier("titles", title.range))
      written = .name(name)
    } else {
      written = .id(try integer(title, in: 0...Int.max, expected: "a non-negative integer title"))
    }
    return PickPlan(
      member: memberID, title: TitleChoice(written: written, range: title.range), policy: spec,
      policyName: policy.text)
  }

  func checkSimulate(
    _ names: [Identifier], impressions: Expr, seed: Expr?, at range: SourceRange
  ) throws(Diagnostic) -> SimulatePlan {
    guard environment.hasDemo, let requests = environment.schema("impressions") else {
      throw Diagnostic(.needsDemo("simulate"), at: range)
    }
    let count = try integer(
      impressions, in: Self.simulatedImpressions, expected: "a number of impressions from 1 to 100,000,000")
    let seedValue = try seed.map { e throws(Diagnostic) in
      UInt64(try integer(e, in: 0...Int.max, expected: "a non-negative integer seed"))
    }
    return SimulatePlan(policies: try policies(names, on: requests), impressions: count, seed: seedValue)
  }

  func checkReplay(_ names: [Identifier], on table: Identifier) throws(Diagnostic) -> ReplayPlan {
    let requests = try requireTable(table)
    return ReplayPlan(policies: try policies(names, on: requests), table: table.text, tableRange: table.range)
  }

  func checkEstimate(
    _ names: [Identifier], on table: Identifier, with estimatorNames: [Identifier], clip: Expr?, interval: Identifier?
  ) throws(Diagnostic) -> EstimatePlan {
    let requests = try requireTable(table)
    var estimators: [OffPolicyEstimator] = []
    for e in estimatorNames {
      guard let estimator = OffPolicyEstimator(rawValue: e.text) else {
        throw Diagnostic(.unknownEstimator(e.text, known: OffPolicyEstimator.allCases.map(\.rawValue)), at: e.range)
      }
      if estimator.needsPropensity, let requests, requests.type(of: "propensity") == nil {
        throw Diagnostic(.missingPropensity(e.text, table: table.text), at: e.range)
      }
      estimators.append(estimator)
    }
    var largest = Double.infinity
    if let clip {
      let value: Double? = switch clip.kind {
      case .literal(.int(let n)): Double(n)
      case .literal(.float(let x)): x
      default: nil
      }
      guard let value, value > 0, value.isFinite else {
        throw Diagnostic(.expected("a positive number, the largest weight kept", after: "'clip'"), at: clip.range)
      }
      largest = value
    }
    var kind = OffPolicyEstimator.Interval.bootstrap
    if let interval {
      guard let known = OffPolicyEstimator.Interval(rawValue: interval.text) else {
        throw Diagnostic(
          .unknownOption(interval.text, in: "interval", known: OffPolicyEstimator.Interval.allCases.map(\.rawValue)),
          at: interval.range)
      }
      kind = known
    }
    return EstimatePlan(
      policies: try policies(names, on: requests), table: table.text, tableRange: table.range, estimators: estimators,
      clip: largest, interval: kind)
  }
}

/// Reads a policy algorithm's arguments, by label or by position, reporting each misuse where it is.
private struct PolicyArguments {
  let function: String
  var arguments: [Argument]
  let range: SourceRange

  /// Takes the argument `label` (or the next unlabelled one).
  private mutating func take(_ label: String) -> Argument? {
    if let i = arguments.firstIndex(where: { $0.label?.text == label }) { return arguments.remove(at: i) }
    if let i = arguments.firstIndex(where: { $0.label == nil }) { return arguments.remove(at: i) }
    return nil
  }

  mutating func number(
    _ label: String, default value: Double? = nil, in bounds: ClosedRange<Double>, as wanted: String
  ) throws(Diagnostic) -> Double {
    guard let argument = take(label) else {
      if let value { return value }
      throw Diagnostic(.expected("'\(label):' argument", after: "'\(function)('"), at: range)
    }
    let (x, written) = try Self.literal(argument.value)
    guard bounds.contains(x) else {
      throw Diagnostic(.argumentOutOfRange(label, of: function, wanted: wanted, found: written), at: argument.value.range)
    }
    return x
  }

  mutating func betaPrior() throws(Diagnostic) -> (Double, Double) {
    guard let argument = take("prior") else { return (1, 1) }
    guard case .call("beta", let parts) = argument.value.kind, parts.count == 2 else {
      throw Diagnostic(.expected("'beta(a, b)'", after: "'prior:'"), at: argument.value.range)
    }
    var values: [Double] = []
    for part in parts {
      let (x, written) = try Self.literal(part.value)
      guard x > 0 && x.isFinite else {
        throw Diagnostic(
          .argumentOutOfRange("beta", of: function, wanted: "more than 0", found: written), at: part.value.range)
      }
      values.append(x)
    }
    return (values[0], values[1])
  }

  func finish() throws(Diagnostic) {
    if let extra = arguments.first {
      throw Diagnostic(.unexpectedArgument(extra.label?.text, of: function), at: extra.label?.range ?? extra.value.range)
    }
  }

  private static func literal(_ expr: Expr) throws(Diagnostic) -> (Double, String) {
    switch expr.kind {
    case .literal(.int(let n)): return (Double(n), String(n))
    case .literal(.float(let x)): return (x, CellFormatter.shortNumber(x))
    case .literal(.percent(let x)): return (x, CellFormatter.shortNumber(x * 100) + "%")
    default: throw Diagnostic(.expected("a number"), at: expr.range)
    }
  }
}
