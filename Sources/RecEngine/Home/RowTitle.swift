/// The title a member sees on a row, with `{…}` parts filled in: the loop variable
/// (`{genre}`), a field of the seed title (`{seed.name}`), or of the member (`{member.country}`).
enum RowTitle {
  static func text(
    _ title: RowTitleTemplate?, name: String, bindings: RowExpression.Bindings, seed: Int32?, index: HistoryIndex
  ) -> String {
    guard let title else { return name }
    var out = ""
    for part in title.parts {
      switch part {
      case .text(let s): out += s
      case .variable: out += bindings.variable?.value.text ?? ""
      case .member: out += String(index.memberIDs[bindings.member])
      case .memberField(let field): out += index.memberValue(bindings.member, field).text
      case .seedField(let field): out += seed.map { index.titleValue(Int($0), field).text } ?? ""
      }
    }
    return out
  }
}
