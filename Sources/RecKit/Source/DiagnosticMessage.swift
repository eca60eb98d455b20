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
  static func duplicateClause(_ name: String, in definition: String) -> Self {
    Self("duplicateClause", "duplicate clause '\(name)' in \(definition) definition")
  }

  static func expected(_ what: String, after: String? = nil, found: String? = nil) -> Self {
    var t = "expected \(what)"
    if let after { t += " after \(after)" }
    if let found { t += ", found \(found)" }
    return Self("expected", t)
  }

  static func fileNotFound(_ path: String) -> Self {
    Self("fileNotFound", "no such file '\(path)': it does not exist")
  }

  static func invalidCharacter(_ character: String) -> Self {
    Self("invalidCharacter", "unexpected character '\(character)'")
  }

  static func invalidDate(_ text: String) -> Self {
    Self("invalidDate", "invalid date '\(text)': no such day in the calendar")
  }

  static func invalidEscape(_ text: String) -> Self {
    Self("invalidEscape", "unknown escape sequence '\(text)' in string")
  }

  static func invalidNumber(_ text: String) -> Self {
    Self("invalidNumber", "invalid number '\(text)'")
  }

  static func invalidTime(_ text: String) -> Self {
    Self("invalidTime", "invalid time '\(text)': no such time of day")
  }

  static func nestingTooDeep(_ limit: Int) -> Self {
    Self("nestingTooDeep", "expression nested too deeply: more than \(limit) levels")
  }

  static func notAvailableYet(_ statement: String) -> Self {
    Self("notAvailableYet", "'\(statement)' is not available yet in this version of rec")
  }

  static func numberTooLarge(_ text: String) -> Self {
    Self("numberTooLarge", "number '\(text)' is too large")
  }

  static func unexpectedEndOfInput(_ what: String) -> Self {
    Self("unexpectedEndOfInput", "unexpected end of input, expected \(what)")
  }

  static func unknownClause(_ name: String, in definition: String, known: [String]) -> Self {
    suggesting("unknown clause '\(name)' in \(definition) definition", "unknownClause", name, among: known)
  }

  static func unknownColumn(_ name: String, in table: String, known: [String]) -> Self {
    suggesting("unknown column '\(name)' in '\(table)'", "unknownColumn", name, among: known)
  }

  static func unknownLoadKind(_ name: String, known: [String]) -> Self {
    suggesting("unknown load kind '\(name)'", "unknownLoadKind", name, among: known)
  }

  static func unknownOption(_ name: String, in statement: String, known: [String]) -> Self {
    suggesting("unknown option '\(name)' in '\(statement)'", "unknownOption", name, among: known)
  }

  static func unknownStatement(_ name: String, known: [String]) -> Self {
    suggesting("unknown statement '\(name)'", "unknownStatement", name, among: known)
  }

  static func unknownTable(_ name: String, known: [String]) -> Self {
    suggesting("unknown table '\(name)'", "unknownTable", name, among: known)
  }

  static func unknownTransform(_ name: String, known: [String]) -> Self {
    suggesting("unknown transform '\(name)'", "unknownTransform", name, among: known)
  }

  static func unterminatedString() -> Self {
    Self("unterminatedString", "unterminated string: a string must close with '\"' on the same line")
  }
}
