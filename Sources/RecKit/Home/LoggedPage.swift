/// A page grid logged elsewhere (`page NAME from table T`): `member, row, col, title[, row_title]`.
struct LoggedPage: PageBuilder {
  let members: [Int]? = nil

  init(_ table: Table, name: String, at range: SourceRange) throws(Diagnostic) {
    throw Diagnostic(.notAvailableYet("page from table"), at: range)
  }

  func page(for member: Int) throws(Diagnostic) -> PageGrid? { nil }
}
