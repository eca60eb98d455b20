import Foundation
import RecCore
import RecEngine
import RecSyntax

/// `import "FILE"` and `export page P to "FILE"`: definitions travel between files.
///
/// An imported file holds definitions and further imports only. Its paths resolve from its own
/// folder, and every file imported, directly or not, must be a `.rec` file under the session's
/// folder (the script's, or the current one at the prompt) or under a folder of the import path
/// (`REC_IMPORT_PATH`): a script cannot be made to read, and show a line of, any file of the
/// machine. A file that imports itself, directly or not, is an import cycle. An imported
/// definition may not replace one of the same name made elsewhere, unless the import says
/// `replacing`.
extension Checker {
  /// A file on the chain of imports being read: its name as diagnostics show it, and its
  /// resolved path, which tells two spellings of one file apart from two files.
  struct ImportLink {
    let name: String
    let path: String
  }

  /// Checks and defines every definition the file brings in, depth first through nested
  /// imports, after refusing any data statement in those files. An error in an imported file is
  /// located there, with a note at the `import` that read it.
  mutating func checkImport(
    _ path: StringLiteral, replacing: Bool, at statement: Statement
  ) throws(Diagnostic) -> CheckedStatement.Kind {
    let importing = statement.range.file.name
    let start =
      FileManager.default.fileExists(atPath: importing) ? [ImportLink(name: importing, path: imports.identity(importing))] : []
    var defined: [CheckedStatement] = []
    try define(path, replacing: replacing, at: statement.headerRange, folder: directory, chain: start, into: &defined)
    return .importDefinitions(defined, from: path.value)
  }

  private mutating func define(
    _ path: StringLiteral, replacing: Bool, at importRange: SourceRange, folder: String, chain: [ImportLink],
    into defined: inout [CheckedStatement]
  ) throws(Diagnostic) {
    let name = path.value.hasPrefix("/") || folder.isEmpty || folder == "." ? path.value : folder + "/" + path.value
    guard FileManager.default.fileExists(atPath: name) else {
      throw Diagnostic(.fileNotFound(path.value), at: path.range)
    }
    let link = ImportLink(name: name, path: imports.identity(name))
    let roots = ([directory.isEmpty ? "." : directory] + importPath).map { imports.identity($0) }
    guard roots.contains(where: { link.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
      throw Diagnostic(.importOutside(path.value, folder: roots[0]), at: path.range)
    }
    guard link.path.hasSuffix(".rec") else { throw Diagnostic(.importNotScript(path.value), at: path.range) }
    if let first = chain.firstIndex(where: { $0.path == link.path }) {
      throw Diagnostic(.importCycle(chain[first...].map(\.name) + [chain[first].name]), at: importRange)
    }
    guard let program = imports.program(at: name) else {
      throw Diagnostic(.fileNotFound(path.value), at: path.range)
    }
    do throws(Diagnostic) {
      let (statements, problems) = program
      if let first = problems.first(where: { $0.severity == .error }) { throw first }
      for statement in statements where !Self.travels(statement) {
        throw Diagnostic(.statementInImport(statement.keyword), at: statement.headerRange)
      }
      let inner = (name as NSString).deletingLastPathComponent
      for statement in statements {
        if case .importFile(let nested, let alsoReplacing) = statement.kind {
          try define(
            nested, replacing: replacing || alsoReplacing, at: statement.headerRange, folder: inner,
            chain: chain + [link], into: &defined)
          continue
        }
        if !replacing { try refuseRedefinition(statement, from: link) }
        if let checked = try check(statement) { defined.append(checked) }
      }
    } catch {
      var located = error
      located.notes.append(Diagnostic.Note(message: "imported here", range: importRange))
      throw located
    }
  }

  /// An imported definition may replace one of the same name only when that one came from the
  /// same file (an import read again); any other is an error naming both places.
  private func refuseRedefinition(_ statement: Statement, from file: ImportLink) throws(Diagnostic) {
    guard let name = Self.definedName(statement), let earlier = environment.definitions[name.text] else { return }
    let origin = earlier.statement.range.file.name
    guard imports.identity(origin) != file.path else { return }
    let notes = [Diagnostic.Note(message: "'\(name.text)' is defined here", range: earlier.statement.headerRange)]
    throw Diagnostic(.importRedefines(name.text, kind: earlier.kind.rawValue), at: name.range, notes: notes)
  }

  /// The name a definition statement defines; nil for any other statement.
  static func definedName(_ statement: Statement) -> Identifier? {
    switch statement.kind {
    case .row(let d): d.name
    case .page(let d): d.name
    case .diversity(let d): d.name
    case .model(let d): d.name
    case .metric(let d): d.name
    case .policy(let d): d.name
    case .ranker(let d): d.name
    case .upliftModel(let d): d.name
    default: nil
    }
  }

  /// Whether `statement` may appear in an imported file: a definition or an `import`.
  private static func travels(_ statement: Statement) -> Bool {
    if case .importFile = statement.kind { return true }
    return definedName(statement) != nil
  }

  /// `export page P to "FILE"`: the page and every definition it needs, dependencies first (its
  /// rows in the order it lists them, its diversity rule, its model).
  func checkExport(_ page: Identifier, to path: StringLiteral) throws(Diagnostic) -> CheckedStatement.Kind {
    let definition = try require(page, as: .page, \.page)
    var needed: [Statement] = []
    var names: Set<String> = []
    func add(_ name: Identifier, as kind: CheckedDefinition.Kind) throws(Diagnostic) {
      guard names.insert(name.text).inserted else { return }
      guard let found = environment.definitions[name.text], found.kind == kind else {
        throw Diagnostic(.unknownDefinition(kind.rawValue, name.text, known: environment.names(of: kind)), at: name.range)
      }
      needed.append(found.statement)
    }
    switch definition.layout {
    case .rows(let rows), .candidates(let rows):
      for row in rows { try add(row, as: .row) }
    case .table, nil:
      break
    }
    if let diversity = definition.diversity { try add(diversity, as: .diversity) }
    if case .model(let model) = definition.utility { try add(model, as: .model) }
    if let own = environment.definitions[page.text] { needed.append(own.statement) }
    return .export(page: page.text, definitions: needed, to: filePath(path))
  }
}

/// The files `import` reads in one run, each read and parsed once: the whole-program check and
/// the check just before each statement runs see the same text.
final class ImportCache {
  private var programs: [String: (statements: [Statement], problems: [Diagnostic])] = [:]

  /// The statements of the file at `path` and the problems parsing found; nil when there is no
  /// such file.
  func program(at path: String) -> (statements: [Statement], problems: [Diagnostic])? {
    let key = identity(path)
    if let known = programs[key] { return known }
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let (program, problems) = parse(SourceFile(name: path, bytes: Array(data)))
    programs[key] = (program.statements, problems)
    return (program.statements, problems)
  }

  /// `path` with symbolic links and `..` resolved, so one file has one identity.
  func identity(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}
