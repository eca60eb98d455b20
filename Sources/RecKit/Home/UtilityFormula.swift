import RealModule

/// A `utility` formula over row features, compiled once: numbers, the feature names, `+ - * /`,
/// unary minus, and `log`, `exp`, `abs`, `min`, `max`.
struct UtilityFormula: Sendable {
  indirect enum Node: Sendable {
    case constant(Double)
    case feature(String)
    case negate(Node)
    case binary(BinaryOperator, Node, Node)
    case call(String, [Node])
  }

  /// The functions a formula may call.
  static let functions = ["log", "exp", "abs", "min", "max"]
  private let root: Node

  /// The formula whose tree is `root` (the checker compiles it from what is written).
  init(root: Node) {
    self.root = root
  }

  func value(_ f: RowFeatures) -> Double { Self.value(root, f) }

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
