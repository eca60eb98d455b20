import RealModule

/// The features of a candidate row at one stage of placement, read by `utility` formulas.
///
/// All but `position` lie in 0…1 and are means over the titles the row would show:
/// - `relevance`: affinity for the member, divided by the member's largest affinity;
/// - `freshness`: 0.5^(age / 90 days) for a title's release, times 0.5^(n − 2) once it has been
///   shown to the member n > 2 times without a play, so an ignored row fades;
/// - `popularity`: log(1 + plays) / log(1 + most plays of any title);
/// - `novelty`: 1 − popularity;
/// - `similarity`: the largest Jaccard similarity to a row already placed (see `DiversityRules`);
/// - `position`: the 1-based row slot the row would take.
struct RowFeatures: Sendable {
  static let names = ["relevance", "freshness", "popularity", "novelty", "similarity", "position"]

  var relevance = 0.0
  var freshness = 0.0
  var popularity = 0.0
  var novelty = 0.0
  var similarity = 0.0
  var position = 0.0

  init(titles: [Int32], view: MemberView, index: HistoryIndex, similarity: Double, position: Int) {
    self.init(titles: titles, view: view, index: index, similarity: similarity, position: position) {
      Self.releaseFreshness(released: index.released[$0], now: view.now)
    }
  }

  /// The features, with `releaseFreshness(t)` giving a title's release term (a cache of
  /// `releaseFreshness(released:now:)`).
  init<C: Collection<Int32>>(
    titles: C, view: MemberView, index: HistoryIndex, similarity: Double, position: Int,
    releaseFreshness: (Int) -> Double
  ) {
    self.similarity = similarity
    self.position = Double(position)
    guard !titles.isEmpty else { return }
    for t in titles.map({ Int($0) }) {
      relevance += Double(view.affinity[t] / view.maxAffinity)
      let ignored = Int(view.unplayedImpressions[t]) - 2
      freshness += releaseFreshness(t) * (ignored > 0 ? Double.pow(0.5, Double(ignored)) : 1)
      let p = index.popularityShare[t]
      popularity += p
      novelty += 1 - p
    }
    let n = Double(titles.count)
    relevance /= n
    freshness /= n
    popularity /= n
    novelty /= n
  }

  /// 0.5^(age / 90 days) of a title released on day `released` (`Int.min`: unknown, 0) for a
  /// member whose "now" is `now`.
  static func releaseFreshness(released: Int, now: Int) -> Double {
    let age = released == Int.min ? Double.infinity : Double(max(0, now / 86400 - released))
    return Double.pow(0.5, age / 90)
  }

  subscript(name: String) -> Double {
    switch name {
    case "relevance": relevance
    case "freshness": freshness
    case "popularity": popularity
    case "novelty": novelty
    case "similarity": similarity
    default: position
    }
  }
}

/// A `utility` formula over row features, compiled once: numbers, the feature names, `+ - * /`,
/// unary minus, and `log`, `exp`, `abs`, `min`, `max`.
struct UtilityFormula: Sendable {
  private indirect enum Node: Sendable {
    case constant(Double)
    case feature(String)
    case negate(Node)
    case binary(BinaryOperator, Node, Node)
    case call(String, [Node])
  }

  private static let functions = ["log", "exp", "abs", "min", "max"]
  private let root: Node

  init(_ e: Expr) throws(Diagnostic) {
    root = try Self.compile(e)
  }

  func value(_ f: RowFeatures) -> Double { Self.value(root, f) }

  private static func compile(_ e: Expr) throws(Diagnostic) -> Node {
    switch e.kind {
    case .literal(.int(let n)): return .constant(Double(n))
    case .literal(.float(let x)), .literal(.percent(let x)): return .constant(x)
    case .name(let n):
      guard RowFeatures.names.contains(n) else {
        throw Diagnostic(.unknownRowFeature(n, known: RowFeatures.names), at: e.range)
      }
      return .feature(n)
    case .unary(.negate, let x): return .negate(try compile(x))
    case .binary(let op, let l, let r) where [.add, .subtract, .multiply, .divide].contains(op):
      return .binary(op, try compile(l), try compile(r))
    case .call(let f, let args):
      guard functions.contains(f) else { throw Diagnostic(.unknownFunction(f, known: functions), at: e.range) }
      let arity = f == "min" || f == "max" ? 2 : 1
      guard args.count == arity else {
        throw Diagnostic(.wrongArgumentCount(f, expected: "\(arity) argument\(arity == 1 ? "" : "s")", found: args.count), at: e.range)
      }
      var nodes: [Node] = []
      for a in args { nodes.append(try compile(a.value)) }
      return .call(f, nodes)
    default:
      throw Diagnostic(.expected("a formula over row features such as 0.7 * relevance"), at: e.range)
    }
  }

  private static func value(_ n: Node, _ f: RowFeatures) -> Double {
    switch n {
    case .constant(let x): return x
    case .feature(let name): return f[name]
    case .negate(let x): return -value(x, f)
    case .binary(let op, let l, let r):
      let (a, b) = (value(l, f), value(r, f))
      switch op {
      case .add: return a + b
      case .subtract: return a - b
      case .multiply: return a * b
      default: return a / b
      }
    case .call(let name, let args):
      let xs = args.map { value($0, f) }
      switch name {
      case "log": return Double.log(xs[0])
      case "exp": return Double.exp(xs[0])
      case "abs": return Swift.abs(xs[0])
      case "min": return Swift.min(xs[0], xs[1])
      default: return Swift.max(xs[0], xs[1])
      }
    }
  }
}
