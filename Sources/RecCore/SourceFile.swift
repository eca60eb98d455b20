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

  public convenience init(name: String, text: String) {
    self.init(name: name, bytes: Array(text.utf8))
  }

  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
    var starts = [0]
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
      starts.append(i + 1)
    }
    self.lineStarts = starts
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

  /// The 1-based line and 1-based column (in characters, not bytes) of `offset`.
  public func location(of offset: Int) -> (line: Int, column: Int) {
    let line = line(of: offset)
    let start = lineStarts[line - 1]
    let end = min(max(offset, start), bytes.count)
    let column = String(decoding: bytes[start..<end], as: UTF8.self).count + 1
    return (line, column)
  }

  /// The byte range of line `line` (1-based), without its line break.
  public func lineRange(_ line: Int) -> Range<Int> {
    let start = lineStarts[line - 1]
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
