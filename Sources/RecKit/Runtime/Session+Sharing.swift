import RecCore
import RecEngine
import RecSyntax

/// `export page P to "FILE"`: the page and every definition it needs, dependencies first, in
/// canonical layout under a one-line header comment, written atomically. (`import` is checked,
/// and its file read, by the checker; running it defines what it brought.)
extension Session {
  func export(_ page: String, _ definitions: [Statement], to path: FilePath) throws(Diagnostic) {
    let text = Formatter.format(definitions: definitions, header: ["# exported from rec: page \(page)"])
    do {
      try AtomicFile.write(text, to: path.resolved)
    } catch {
      throw Diagnostic(.cannotWriteFile(path.written, reason: error.reason), at: path.range)
    }
    status("exported page '\(page)' and \(count(definitions.count - 1, "definition")) it needs to '\(path.written)'")
  }
}
