/// A unit of source text: a script file, one REPL entry, or a `-c` argument.
///
/// Text is kept as UTF-8 bytes; lines and columns are computed lazily from a
/// table of line starts, only when a diagnostic is rendered.
public final class SourceFile: Sendable {
  /// The name shown in diagnostics: a path, `<stdin>` or `<command line>`.
  public let name: String
  /// The file's text as UTF-8 bytes.
  public let bytes: [UInt8]
  /// The byte offset of the first byte of each line.
  package let lineStarts: [Int]
  /// The line number its first line is shown with: 1 for a file; for an entry of a session, the
  /// line of the input it began on, so that an error in piped input names its real line.
  public let firstLine: Int

  public convenience init(name: String, text: String, firstLine: Int = 1) {
    self.init(name: name, bytes: Array(text.utf8), firstLine: firstLine)
  }

  public init(name: String, bytes: [UInt8], firstLine: Int = 1) {
    self.name = name
    self.bytes = bytes
    self.firstLine = firstLine
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
      starts.append(i + 1)
    }
    self.lineStarts = starts
  }

  /// Whether the file begins with a UTF-8 byte order mark, which editors on some systems add:
  /// it is no part of the program, and no column counts it.
  public var hasByteOrderMark: Bool {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
  }

  /// The text of the whole file.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The 1-based line holding `offset`.
  /// - Complexity: O(log lines).
  public func line(of offset: Int) -> Int {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo + 1
  }

  /// The line and 1-based column (in characters, not bytes) of `offset` as shown to the user:
  /// the line counted from `firstLine`.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let line = line(of: offset)
    let start = lineRange(line).lowerBound
    let end = min(max(offset, start), bytes.count)
    let column = String(decoding: bytes[start..<end], as: UTF8.self).count + 1
    return (shownLine(line), column)
  }

  /// Line `line` of this text (1-based) as the user sees it numbered.
  public func shownLine(_ line: Int) -> Int {
    let (shown, overflow) = line.addingReportingOverflow(firstLine - 1)
    return overflow ? line : shown
  }

  /// The byte range of line `line` (1-based), without its line break.
  public func lineRange(_ line: Int) -> Range<Int> {
    let start = line == 1 && hasByteOrderMark ? 3 : lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<max(start, end)
  }

  /// The text of line `line` (1-based), without its line break.
  public func lineText(_ line: Int) -> String {
    String(decoding: bytes[lineRange(line)], as: UTF8.self)
  }

  /// The source text under `range`.
  public func text(_ range: Range<Int>) -> String {
    let r = max(0, range.lowerBound)..<min(bytes.count, range.upperBound)
    return String(decoding: bytes[r], as: UTF8.self)
  }
}
