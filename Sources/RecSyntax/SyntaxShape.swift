import RecCore

/// What a syntax tree says, without where it says it: two trees with equal shapes are the same
/// program, whatever their layout. `rec fmt` compares the shapes of the source and its result
/// to prove that formatting changed nothing else.
///
/// The shape is read by reflection over every node, leaving out source ranges (and the files
/// they point into), so that a new kind of node is covered without being listed here.
package struct SyntaxShape: Equatable {
  private let text: String

  package init(_ value: Any) {
    var out = ""
    Self.describe(value, into: &out)
    text = out
  }

  private static func describe(_ value: Any, into out: inout String) {
    if value is SourceRange || value is SourceFile { return }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .struct, .class, .enum, .tuple, .collection, .dictionary, .set, .optional:
      out += "\(mirror.subjectType)"
      // A case with a payload is the label of its one child; describing the value instead would
      // print the whole subtree again at every level (minutes for a chain of 5,000 `or`s).
      if mirror.displayStyle == .enum {
        out += "." + (mirror.children.first?.label ?? String(describing: value))
      }
      out += "("
      for child in mirror.children {
        out += (child.label ?? "") + ":"
        describe(child.value, into: &out)
        out += ","
      }
      out += ")"
    default:
      out += String(reflecting: value)
    }
  }
}
