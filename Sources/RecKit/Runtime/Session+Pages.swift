extension Session {
  /// A builder for the page definition `name`, built from `context`.
  func pageBuilder(_ name: Identifier, context: PageContext) throws(Diagnostic) -> any PageBuilder {
    guard let statement = definitions[name.text], case .page(let page) = statement.kind else {
      let known = definitions.filter { if case .page = $0.value.kind { true } else { false } }.map(\.key)
      throw Diagnostic(.unknownDefinition("page", name.text, known: known), at: name.range)
    }
    switch page.layout {
    case .table(let table):
      guard let grid = tables[table.text] else {
        throw Diagnostic(.unknownTable(table.text, known: Array(tables.keys)), at: table.range)
      }
      return try LoggedPage(grid, name: table.text, at: table.range)
    case .rows, .candidates, nil:
      return try homePage(page, context: context)
    }
  }
}
