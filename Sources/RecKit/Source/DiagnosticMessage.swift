/// The catalogue of every diagnostic the language and the engine produce.
///
/// Wording: lowercase, no final period, code in single quotes, "expected X after Y"
/// or "unexpected 'X' in Y". The `id` is the member's name, stable across releases.
/// Keep members sorted alphabetically.
public struct DiagnosticMessage: Sendable {
  public let id: String
  public let text: String

  init(_ id: String, _ text: String) {
    self.id = id
    self.text = text
  }

  /// "did you mean 'x'?" appended when a near name exists.
  static func suggesting(_ base: String, _ id: String, _ name: String, among known: [String]) -> DiagnosticMessage {
    if let near = nearest(to: name, among: known) {
      return DiagnosticMessage(id, "\(base); did you mean '\(near)'?")
    }
    return DiagnosticMessage(id, base)
  }
}

extension DiagnosticMessage {
  static func cannotWriteFile(_ path: String, reason: String) -> Self {
    Self("cannotWriteFile", "cannot write '\(path)': \(reason)")
  }

  static func dotCommandUsage(_ usage: String) -> Self {
    Self("dotCommandUsage", "usage: '\(usage)'")
  }

  static func expected(_ what: String, after: String? = nil, found: String? = nil) -> Self {
    var t = "expected \(what)"
    if let after { t += " after \(after)" }
    if let found { t += ", found \(found)" }
    return Self("expected", t)
  }

  /// A file named in a statement or on the command line does not exist.
  public static func fileNotFound(_ path: String) -> Self {
    Self("fileNotFound", "no such file '\(path)': it does not exist")
  }

  static func historyUnavailable() -> Self {
    Self("historyUnavailable", "'.history' is available only at the interactive prompt")
  }

  /// A statement or command this version does not implement yet.
  public static func notAvailableYet(_ statement: String) -> Self {
    Self("notAvailableYet", "'\(statement)' is not available yet in this version of rec")
  }

  static func unexpectedEndOfInput(_ what: String) -> Self {
    Self("unexpectedEndOfInput", "unexpected end of input, expected \(what)")
  }

  static func unknownColumn(_ name: String, in table: String, known: [String]) -> Self {
    suggesting("unknown column '\(name)' in '\(table)'", "unknownColumn", name, among: known)
  }

  static func unknownDefinition(_ name: String, known: [String]) -> Self {
    suggesting("unknown definition '\(name)'", "unknownDefinition", name, among: known)
  }

  static func unknownDotCommand(_ name: String, known: [String]) -> Self {
    suggesting("unknown command '\(name)'", "unknownDotCommand", name, among: known)
  }

  static func unknownHelpTopic(_ name: String, known: [String]) -> Self {
    suggesting("unknown help topic '\(name)'", "unknownHelpTopic", name, among: known)
  }

  static func unknownTable(_ name: String, known: [String]) -> Self {
    suggesting("unknown table '\(name)'", "unknownTable", name, among: known)
  }

  static func unterminatedString() -> Self {
    Self("unterminatedString", "unterminated string: a string must close with '\"' on the same line")
  }
}
