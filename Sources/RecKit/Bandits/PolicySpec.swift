/// A policy definition's algorithm with its arguments checked: what `policy NAME = …` asks for.
struct PolicySpec {
  enum Algorithm: Equatable {
    case random
    case greedy
    case epsilonGreedy(epsilon: Double)
    case ucb(c: Double)
    case thompson(a: Double, b: Double)
    case linUCB(alpha: Double)
    case linThompson(v: Double)
    case logged

    /// Whether the algorithm needs a `features` clause.
    var isLinear: Bool {
      switch self {
      case .linUCB, .linThompson: true
      default: false
      }
    }
  }

  static let algorithms = ["random", "greedy", "epsilon_greedy", "ucb", "thompson", "linucb", "lin_thompson", "logged"]

  var name: String
  var algorithm: Algorithm
  var context: [Expr]
  var features: [Expr]
  var trainedOn: Identifier?

  /// Checks the definition's algorithm and arguments.
  init(_ definition: PolicyDefinition) throws(Diagnostic) {
    name = definition.name.text
    context = definition.context
    features = definition.features
    trainedOn = definition.trainedOn
    let expr = definition.algorithm
    let (function, arguments): (String, [Argument])
    switch expr.kind {
    case .name(let n): (function, arguments) = (n, [])
    case .call(let n, let a): (function, arguments) = (n, a)
    default: throw Diagnostic(.expected("a policy algorithm such as 'thompson(prior: beta(1, 1))'"), at: expr.range)
    }
    var reader = ArgumentReader(function: function, arguments: arguments, range: expr.range)
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
        v: try reader.number("v", default: 1, in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude,
          as: "more than 0"))
    default:
      throw Diagnostic(.unknownPolicyAlgorithm(function, known: Self.algorithms), at: expr.range)
    }
    try reader.finish()
    if algorithm.isLinear && features.isEmpty {
      throw Diagnostic(.expected("a 'features' clause for '\(function)'", after: "the algorithm"), at: expr.range)
    }
  }
}

/// Reads a policy algorithm's arguments, by label or by position, reporting each misuse where it is.
private struct ArgumentReader {
  let function: String
  var arguments: [Argument]
  let range: SourceRange
  private var position = 0

  init(function: String, arguments: [Argument], range: SourceRange) {
    self.function = function
    self.arguments = arguments
    self.range = range
  }

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
        throw Diagnostic(.argumentOutOfRange("beta", of: function, wanted: "more than 0", found: written), at: part.value.range)
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
