import RecCore
import RecEngine
import RecSyntax

extension UtilityFormula {
  /// Compiles a formula over row features: numbers, the feature names, `+ - * /`, unary minus,
  /// and `log`, `exp`, `abs`, `min`, `max`; anything else is reported where it is written.
  init(checking e: Expr) throws(Diagnostic) {
    self.init(root: try Self.compile(e))
  }

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
    case .binary(let first, let links) where links.allSatisfy({ [.add, .subtract, .multiply, .divide].contains($0.op) }):
      var compiled: [(op: BinaryOperator, operand: Node)] = []
      for link in links { compiled.append((link.op, try compile(link.operand))) }
      return .binary(try compile(first), compiled)
    case .call(let f, let args):
      guard Self.functions.contains(f) else { throw Diagnostic(.unknownFunction(f, known: Self.functions), at: e.range) }
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
}
