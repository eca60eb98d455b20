import RealModule
import RecCore

/// A `utility` formula over row features, compiled once: numbers, the feature names, `+ - * /`,
/// unary minus, and `log`, `exp`, `abs`, `min`, `max`.
package struct UtilityFormula: Sendable {
  package indirect enum Node: Sendable {
    case constant(Double)
    case feature(String)
    case negate(Node)
    /// Operands joined left to right (one node for a chain, however long).
    case binary(Node, [(op: BinaryOperator, operand: Node)])
    case call(String, [Node])
  }

  /// The functions a formula may call.
  package static let functions = ["log", "exp", "abs", "min", "max"]
  private let root: Node

  /// The formula whose tree is `root` (the checker compiles it from what is written).
  package init(root: Node) {
    self.root = root
  }

  package func value(_ f: RowFeatures) -> Double { Self.value(root, f) }

  private static func value(_ n: Node, _ f: RowFeatures) -> Double {
    switch n {
    case .constant(let x): return x
    case .feature(let name): return f[name]
    case .negate(let x): return -value(x, f)
    case .binary(let first, let links):
      var a = value(first, f)
      for (op, operand) in links {
        let b = value(operand, f)
        switch op {
        case .add: a += b
        case .subtract: a -= b
        case .multiply: a *= b
        default: a /= b
        }
      }
      return a
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
