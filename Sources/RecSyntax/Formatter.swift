import RecCore

/// Rewrites `file` in canonical layout (`rec fmt`): one statement per line, one space around
/// binary operators and after commas, clause lines indented two spaces, pipeline continuation
/// lines `  | …`, literals spelled as written, comments kept.
///
/// Blank lines between statements are kept (at most one), and a definition with clause lines
/// (`row`, `page`, `diversity`) always has one blank line before and after it. Formatting is
/// idempotent: formatting the result again changes nothing.
///
/// Nothing changes that cannot be shown to mean the same: the result is parsed again, and unless
/// its syntax tree is the source's (ranges aside), `file` is refused as it is.
/// - Throws: the first error in `file`, when it does not parse; `formatChangesMeaning` when the
///   layout would change what the program says.
public func format(_ file: SourceFile) throws(Diagnostic) -> String {
  // Bytes that are not UTF-8 (in a comment or a string) could only be printed back changed.
  for line in 1...file.lineStarts.count {
    let range = file.lineRange(line)
    if String(validating: file.bytes[range], as: UTF8.self) == nil {
      throw Diagnostic(.invalidUTF8(), at: SourceRange(file: file, bytes: range))
    }
  }
  let (program, problems) = parse(file)
  if let first = problems.first(where: { $0.severity == .error }) { throw first }
  let text = Formatter.format(program)
  let (again, _) = parse(SourceFile(name: file.name, text: text))
  for (i, statement) in program.statements.enumerated()
  where i >= again.statements.count || SyntaxShape(statement.kind) != SyntaxShape(again.statements[i].kind) {
    throw Diagnostic(.formatChangesMeaning(), at: statement.headerRange)
  }
  guard again.statements.count == program.statements.count else {
    throw Diagnostic(.formatChangesMeaning(), at: nil)
  }
  // The file's own line endings and byte order mark stay as they were.
  let lines = file.bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 > 0 && file.bytes[$0 - 1] == UInt8(ascii: "\r") } == true
    ? text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") : text
  return file.hasByteOrderMark ? "\u{FEFF}" + lines : lines
}

/// Prints statements from their syntax trees and puts the source's comments back.
///
/// Comments are not in the tree: the lexer reports their ranges, and each is re-attached by
/// line. A full-line comment goes before the statement (or clause line) that follows it; a
/// trailing comment stays at the end of the line printed from its source line.
package enum Formatter {
  /// One printed line, before comments are put back.
  struct Line {
    var text: String
    /// Blanks before the text: 0 for a statement, 2 for a clause or continuation line.
    var indentation: Int
    /// The source line the text was printed from (1-based): where its comments belong.
    var sourceLine: Int
  }

  /// The whole program, with its comments and blank lines.
  static func format(_ program: Program) -> String {
    let file = program.file
    let comments = Comments(file)
    var out: [String] = []
    /// The last source line printed so far, to find the blank lines in between.
    var previousLine: Int?
    var previousIsBlock = false
    for statement in program.statements {
      let lines = self.lines(statement)
      let isBlock = isBlockDefinition(statement, lines: lines)
      let first = file.line(of: statement.range.bytes.lowerBound)
      let last = file.line(of: max(statement.range.bytes.lowerBound, statement.range.bytes.upperBound - 1))
      var blankBefore = previousLine != nil && (previousIsBlock || isBlock)
      for comment in comments.leading(before: first, after: previousLine ?? 0) {
        if let previousLine, blankBefore || file.hasBlankLine(between: previousLine, and: comment.line) {
          out.append("")
        }
        out.append(comment.text)
        previousLine = comment.line
        blankBefore = false
      }
      if let previousLine, blankBefore || file.hasBlankLine(between: previousLine, and: first) { out.append("") }
      out += comments.attach(to: lines, from: first, through: last).map(render)
      previousLine = last
      previousIsBlock = isBlock
    }
    for comment in comments.leading(before: Int.max, after: previousLine ?? 0) {
      if let previousLine, previousIsBlock || file.hasBlankLine(between: previousLine, and: comment.line) {
        out.append("")
      }
      out.append(comment.text)
      previousLine = comment.line
      previousIsBlock = false
    }
    return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
  }

  /// Definitions gathered from anywhere (`.save`, `export`), a blank line between them, each
  /// with the comments written inside it; `header` lines come first, followed by a blank line.
  package static func format(definitions: [Statement], header: [String] = []) -> String {
    var comments: [ObjectIdentifier: Comments] = [:]
    var blocks: [String] = header.isEmpty ? [] : [header.joined(separator: "\n")]
    for statement in definitions {
      let file = statement.range.file
      let found = comments[ObjectIdentifier(file)] ?? Comments(file)
      comments[ObjectIdentifier(file)] = found
      let first = file.line(of: statement.range.bytes.lowerBound)
      let last = file.line(of: max(statement.range.bytes.lowerBound, statement.range.bytes.upperBound - 1))
      blocks.append(found.attach(to: lines(statement), from: first, through: last).map(render).joined(separator: "\n"))
    }
    return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
  }

  /// A definition laid out as a header with clause lines, which blank lines set apart.
  private static func isBlockDefinition(_ statement: Statement, lines: [Line]) -> Bool {
    switch statement.kind {
    case .row, .page, .diversity, .model, .metric, .policy, .ranker: lines.count > 1
    default: false
    }
  }

  private static func render(_ line: Line) -> String {
    String(repeating: " ", count: line.indentation) + line.text
  }

  /// A line at `indentation` printed from the source at `range`.
  static func line(_ text: String, _ indentation: Int = 0, at range: SourceRange) -> Line {
    Line(text: text, indentation: indentation, sourceLine: range.file.line(of: range.bytes.lowerBound))
  }
}

extension SourceFile {
  /// Whether a line holding only blanks lies strictly between lines `a` and `b`.
  func hasBlankLine(between a: Int, and b: Int) -> Bool {
    guard b - a > 1 else { return false }
    return (a + 1..<b).contains { line in
      bytes[lineRange(line)].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
  }
}
