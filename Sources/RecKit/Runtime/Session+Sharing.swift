import Foundation

/// `import "FILE"` and `export page P to "FILE"`: definitions travel between files.
///
/// An imported file holds definitions and further imports only; its paths resolve from its own
/// folder (the importing script's folder, or the session's at the prompt), and a file that
/// imports itself, directly or not, is an import cycle.
extension Session {
  /// A file on the chain of imports being read: its name as diagnostics show it, and its
  /// resolved path, which tells two spellings of one file apart from two files.
  struct ImportLink {
    let name: String
    let path: String
  }

  /// Calls `body` with every definition that the `import` statement `statement` brings in,
  /// depth first through nested imports, after refusing any data statement in those files.
  ///
  /// The checker calls it to learn the imported names; `execute` to define them. An error in
  /// an imported file is located there, with a note at the `import` that read it.
  func forEachImported(
    by statement: Statement, _ body: (Statement) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    guard case .importFile(let path) = statement.kind else { return }
    let importing = statement.range.file.name
    let start =
      FileManager.default.fileExists(atPath: importing)
      ? [ImportLink(name: importing, path: resolvedPath(importing))] : []
    try forEachImported(path, at: statement.headerRange, folder: options.directory, chain: start, body)
  }

  private func forEachImported(
    _ path: StringLiteral, at importRange: SourceRange, folder: String, chain: [ImportLink],
    _ body: (Statement) throws(Diagnostic) -> Void
  ) throws(Diagnostic) {
    let name = path.value.hasPrefix("/") || folder.isEmpty || folder == "." ? path.value : folder + "/" + path.value
    let link = ImportLink(name: name, path: resolvedPath(name))
    if let first = chain.firstIndex(where: { $0.path == link.path }) {
      throw Diagnostic(.importCycle(chain[first...].map(\.name) + [chain[first].name]), at: importRange)
    }
    guard let data = FileManager.default.contents(atPath: name) else {
      throw Diagnostic(.fileNotFound(path.value), at: path.range)
    }
    do throws(Diagnostic) {
      let (program, problems) = parse(SourceFile(name: name, bytes: Array(data)))
      if let first = problems.first(where: { $0.severity == .error }) { throw first }
      for statement in program.statements where !Self.travels(statement) {
        throw Diagnostic(.statementInImport(statement.keyword), at: statement.headerRange)
      }
      let folder = (name as NSString).deletingLastPathComponent
      for statement in program.statements {
        if case .importFile(let inner) = statement.kind {
          try forEachImported(inner, at: statement.headerRange, folder: folder, chain: chain + [link], body)
        } else {
          try body(statement)
        }
      }
    } catch {
      var located = error
      located.notes.append(Diagnostic.Note(message: "imported here", range: importRange))
      throw located
    }
  }

  /// Whether `statement` may appear in an imported file: a definition or an `import`.
  private static func travels(_ statement: Statement) -> Bool {
    if case .importFile = statement.kind { return true }
    return Checker.kindName(of: statement) != nil
  }

  /// `path` with symbolic links and `..` resolved, so one file has one identity on the chain.
  private func resolvedPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// `import "FILE"`: defines every definition of the file and of the files it imports.
  func importDefinitions(_ statement: Statement) throws(Diagnostic) {
    var defined = 0
    try forEachImported(by: statement) { definition throws(Diagnostic) in
      try execute(definition)
      defined += 1
    }
    if case .importFile(let path) = statement.kind {
      status("imported \(count(defined, "definition")) from '\(path.value)'")
    }
  }

  /// `export page P to "FILE"`: the page and every definition it needs, dependencies first
  /// (its rows in the order it lists them, its diversity rule, its model), in canonical layout
  /// under a one-line header comment, written atomically.
  func export(_ page: Identifier, to path: StringLiteral) throws(Diagnostic) {
    let statement = try definition(page, as: "page")
    guard case .page(let definition) = statement.kind else { return }
    var needed: [Statement] = []
    var names: Set<String> = []
    func add(_ name: Identifier, as kind: String) throws(Diagnostic) {
      guard names.insert(name.text).inserted else { return }
      needed.append(try self.definition(name, as: kind))
    }
    switch definition.layout {
    case .rows(let rows), .candidates(let rows):
      for row in rows { try add(row, as: "row") }
    case .table, nil:
      break
    }
    if let diversity = definition.diversity { try add(diversity, as: "diversity") }
    if case .model(let model) = definition.utility { try add(model, as: "model") }
    needed.append(statement)
    let text = Formatter.format(definitions: needed, header: ["# exported from rec: page \(page.text)"])
    if let reason = writeAtomically(text, to: resolve(path.value)) {
      throw Diagnostic(.cannotWriteFile(path.value, reason: reason), at: path.range)
    }
    status("exported page '\(page.text)' and \(count(needed.count - 1, "definition")) it needs to '\(path.value)'")
  }

  /// The definition called `name`, which must be a `kind` ("row", "page", …).
  private func definition(_ name: Identifier, as kind: String) throws(Diagnostic) -> Statement {
    guard let statement = definitions[name.text], Checker.kindName(of: statement) == kind else {
      let known = definitions.filter { Checker.kindName(of: $0.value) == kind }.map(\.key).sorted()
      throw Diagnostic(.unknownDefinition(kind, name.text, known: known), at: name.range)
    }
    return statement
  }
}
