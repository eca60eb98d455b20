extension Session {
  /// A builder for a `rows` or `candidates` page: the rows, the utility, the diversity rules.
  func homePage(_ page: PageDefinition, context: PageContext) throws(Diagnostic) -> any PageBuilder {
    throw Diagnostic(.notAvailableYet("page \(page.name.text)"), at: page.name.range)
  }
}
