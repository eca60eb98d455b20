/// The title a member sees on a row, with `{…}` parts filled in: the loop variable
/// (`{genre}`), a field of the seed title (`{seed.name}`), or of the member (`{member.country}`).
enum RowTitle {
  static func text(
    _ title: Expr?, name: String, bindings: RowExpression.Bindings, seed: Int32?, index: HistoryIndex
  ) throws(Diagnostic) -> String {
    guard let title else { return name }
    switch title.kind {
    case .literal(.string(let s)): return s
    case .interpolated(let parts):
      var out = ""
      for part in parts {
        switch part {
        case .text(let s): out += s
        case .expr(let e): out += try value(e, bindings: bindings, seed: seed, index: index).text
        }
      }
      return out
    default:
      return title.range.text
    }
  }

  private static func value(
    _ e: Expr, bindings: RowExpression.Bindings, seed: Int32?, index: HistoryIndex
  ) throws(Diagnostic) -> Value {
    switch e.kind {
    case .name("member"):
      return .int(index.memberIDs[bindings.member])
    case .name(let n) where n == bindings.variable?.name:
      return bindings.variable!.value
    case .member(let base, let field):
      if case .name("member") = base.kind {
        if index.membersTable[field] == nil, index.membersTable.count > 0 {
          throw Diagnostic(.unknownColumn(field, in: "members", known: index.membersTable.names), at: e.range)
        }
        return index.memberValue(bindings.member, field)
      }
      if case .name(let n) = base.kind, n == bindings.variable?.name, let seed {
        if index.titlesTable[field] == nil {
          throw Diagnostic(.unknownColumn(field, in: "titles", known: index.titlesTable.names), at: e.range)
        }
        return index.titleValue(Int(seed), field)
      }
    default:
      break
    }
    throw Diagnostic(.expected("the loop variable, 'seed.name' or 'member.country'", after: "'{'"), at: e.range)
  }
}
