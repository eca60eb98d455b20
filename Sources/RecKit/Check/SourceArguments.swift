import RecCore
import RecEngine
import RecSyntax

/// The arguments of a row source call, read by label or position, each checked for its kind
/// (`window: 7d`, `min: 5%`, `by: covisit`), with located errors for anything unknown.
struct SourceArguments {
  private let source: String
  private var arguments: [Argument]

  init(_ source: String, _ arguments: [Argument]) {
    self.source = source
    self.arguments = arguments
  }

  /// The positional argument at `position` (removed from the unread ones).
  mutating func positional(_ position: Int) throws(Diagnostic) -> Expr? {
    let unlabeled = arguments.indices.filter { arguments[$0].label == nil }
    guard position < unlabeled.count else { return nil }
    return arguments.remove(at: unlabeled[position]).value
  }

  private mutating func take(_ label: String) -> Expr? {
    guard let i = arguments.firstIndex(where: { $0.label?.text == label }) else { return nil }
    return arguments.remove(at: i).value
  }

  /// A duration such as `7d`, nil when absent.
  mutating func duration(_ label: String) throws(Diagnostic) -> Int? {
    guard let e = take(label) else { return nil }
    guard case .literal(.duration(let seconds)) = e.kind else {
      throw Diagnostic(.expected("a duration such as 7d", after: "'\(label):'"), at: e.range)
    }
    return seconds
  }

  /// A fraction written `5%` or `0.05`.
  mutating func fraction(_ label: String, default value: Double) throws(Diagnostic) -> Double {
    guard let e = take(label) else { return value }
    switch e.kind {
    case .literal(.percent(let f)), .literal(.float(let f)): return f
    case .literal(.int(let n)): return Double(n)
    default: throw Diagnostic(.expected("a fraction such as 5%", after: "'\(label):'"), at: e.range)
    }
  }

  /// A whole number no larger than a page can use, `default` when absent.
  mutating func count(_ label: String, default value: Int) throws(Diagnostic) -> Int {
    guard let e = take(label) else { return value }
    guard case .literal(.int(let n)) = e.kind, (0...1000).contains(n) else {
      throw Diagnostic(.expected("a whole number up to 1,000", after: "'\(label):'"), at: e.range)
    }
    return n
  }

  /// `by: member.country`: the name of a `members` column, nil when absent.
  mutating func memberColumn(_ label: String, members: Schema?) throws(Diagnostic) -> String? {
    guard let e = take(label) else { return nil }
    guard case .member(let base, let field) = e.kind, case .name("member") = base.kind else {
      throw Diagnostic(.expected("a member column such as member.country", after: "'\(label):'"), at: e.range)
    }
    if let members, members.type(of: field) == nil {
      throw Diagnostic(.unknownColumn(field, in: "members", known: members.names), at: e.range)
    }
    return field
  }

  /// `by: covisit|genres|cast|blend`, covisit when absent.
  mutating func neighbourKind() throws(Diagnostic) -> NeighbourIndex.Kind {
    guard let e = take("by") else { return .covisit }
    let known = NeighbourIndex.Kind.allCases.map(\.rawValue)
    guard case .name(let name) = e.kind, let kind = NeighbourIndex.Kind(rawValue: name) else {
      throw Diagnostic(.unknownOption(e.range.text, in: source, known: known), at: e.range)
    }
    return kind
  }

  /// Fails on the first argument nobody read.
  func finish() throws(Diagnostic) {
    guard let extra = arguments.first else { return }
    let where_ = extra.label?.range ?? extra.value.range
    throw Diagnostic(.unknownOption(extra.label?.text ?? extra.value.range.text, in: source, known: []), at: where_)
  }
}
