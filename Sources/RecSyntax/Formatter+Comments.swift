import RecCore

extension Formatter {
  /// The `#` comments of one source file, by line, and the rules that put them back.
  struct Comments {
    /// One comment: its text (trailing blanks dropped) and its 1-based line.
    struct Comment {
      var text: String
      var line: Int
      /// Whether only blanks come before it on its line.
      var isFullLine: Bool
    }

    private let all: [Comment]

    init(_ file: SourceFile) {
      var lexer = Lexer(file)
      _ = lexer.tokenize()
      all = lexer.comments.map { range in
        let line = file.line(of: range.lowerBound)
        let before = file.bytes[file.lineRange(line).lowerBound..<range.lowerBound]
        var text = file.text(range)
        // A carriage return among the trailing blanks goes too (the lexer drops only a last one,
        // of a CRLF line end): kept, it would end the comment's line at the next formatting.
        while text.last == " " || text.last == "\t" || text.last == "\r" { text.removeLast() }
        return Comment(
          text: text, line: line,
          isFullLine: before.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
      }
    }

    /// The full-line comments on lines after `previous` and before `line`, in order: those
    /// that go before the statement starting on `line`.
    func leading(before line: Int, after previous: Int) -> [Comment] {
      all.filter { $0.isFullLine && $0.line > previous && $0.line < line }
    }

    /// `lines`, printed from the statement on source lines `first...last`, with the comments
    /// written on those lines put back.
    ///
    /// A trailing comment ends the printed line from its source line (or, when clauses moved,
    /// the nearest one from an earlier line). A full-line comment inside the statement goes
    /// before the printed line from the next source line, at that line's indentation.
    func attach(to lines: [Line], from first: Int, through last: Int) -> [Line] {
      var lines = lines
      var before: [Int: [Line]] = [:]
      for comment in all where comment.line >= first && comment.line <= last {
        if comment.isFullLine {
          let next = lines.indices.filter { lines[$0].sourceLine > comment.line }
            .min { lines[$0].sourceLine < lines[$1].sourceLine } ?? lines.count - 1
          before[next, default: []].append(
            Line(text: comment.text, indentation: lines[next].indentation, sourceLine: comment.line))
        } else {
          let nearest = lines.map(\.sourceLine).filter { $0 <= comment.line }.max()
          let owner = lines.indices.last { lines[$0].sourceLine == nearest } ?? 0
          lines[owner].text += "  " + comment.text
        }
      }
      return lines.indices.flatMap { (before[$0] ?? []) + [lines[$0]] }
    }
  }
}
