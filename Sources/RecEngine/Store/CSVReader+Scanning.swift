#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The state machine that cuts rows into fields, and the loop that feeds a chunk's
/// fields to its column builders.
extension CSVReader {
  /// What follows a field.
  enum FieldEnd: UInt8 {
    case delimiter, newline, eof
    /// A quoted field runs to the end of the file.
    case unterminated
    /// Something other than a delimiter or line break follows a closing quote.
    case textAfterQuote
  }

  /// One field: `count` bytes at `p + start`, or in the scratch buffer when a doubled
  /// quote had to be undone.
  struct Field {
    var start: Int
    var count: Int
    var inScratch: Bool
    var end: FieldEnd

    func withBytes<R, E: Error>(
      _ p: UnsafePointer<UInt8>, _ scratch: [UInt8], _ body: (UnsafePointer<UInt8>, Int) throws(E) -> R
    ) throws(E) -> R {
      if !inScratch { return try body(p + start, count) }
      return try scratch.withUnsafeBufferPointer { (b) throws(E) -> R in try body(b.baseAddress!, b.count) }
    }
  }

  /// A chunk's columns, parsed; the owner of the builders' buffers.
  final class Chunk {
    var columns: [ColumnBuilder]
    var rows = 0

    init(columns: [ColumnBuilder]) { self.columns = columns }

    deinit {
      for c in columns.indices { columns[c].release() }
    }
  }

  /// A problem at a byte offset; the reader turns the offset into a line number.
  struct ChunkError: Error {
    let offset: Int
    let message: String
    /// A quoted field ran to the end of the chunk: at the end of the file an error, at a cut
    /// the sign that the cut fell inside quotes.
    var unterminated = false
  }

  /// Scans the field at `pos`, leaving `pos` after its delimiter or line break.
  @inline(__always)
  func scanField(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ scratch: inout [UInt8]) -> Field {
    if quoting, pos < end, p[pos] == UInt8(ascii: "\"") {
      return scanQuotedField(p, &pos, end, &scratch)
    }
    let start = pos
    let delimiter = self.delimiter
    while pos < end {
      let c = p[pos]
      if c == delimiter || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { break }
      pos += 1
    }
    return Field(start: start, count: pos - start, inScratch: false, end: terminator(p, &pos, end))
  }

  private func scanQuotedField(
    _ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ scratch: inout [UInt8]
  ) -> Field {
    let open = pos
    pos += 1
    let start = pos
    var inScratch = false
    while true {
      guard let found = memchr(p + pos, Int32(UInt8(ascii: "\"")), end - pos) else {
        pos = end
        return Field(start: open, count: 0, inScratch: false, end: .unterminated)
      }
      let quote = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
      if quote + 1 < end, p[quote + 1] == UInt8(ascii: "\"") {
        if !inScratch {
          scratch.removeAll(keepingCapacity: true)
          inScratch = true
        }
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: quote + 1 - pos))
        pos = quote + 2
        continue
      }
      if inScratch { scratch.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: quote - pos)) }
      pos = quote + 1
      let count = inScratch ? scratch.count : quote - start
      return Field(start: start, count: count, inScratch: inScratch, end: terminator(p, &pos, end))
    }
  }

  /// Consumes the delimiter or line break (`\n`, `\r\n` or `\r`) at `pos`.
  @inline(__always)
  private func terminator(_ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int) -> FieldEnd {
    guard pos < end else { return .eof }
    switch p[pos] {
    case delimiter:
      pos += 1
      return .delimiter
    case UInt8(ascii: "\n"):
      pos += 1
      return .newline
    case UInt8(ascii: "\r"):
      pos += 1
      if pos < end, p[pos] == UInt8(ascii: "\n") { pos += 1 }
      return .newline
    default:
      return .textAfterQuote
    }
  }

  /// Parses the rows in `range` (about `reserve` of them) into one builder per column,
  /// those with a span writing there; blank lines are skipped.
  func parseChunk(
    _ p: UnsafePointer<UInt8>, _ range: Range<Int>, names: [String], specs: [ColumnSpec], reserve: Int,
    spans: [UnsafeMutableRawPointer?]
  ) -> Result<Chunk, ChunkError> {
    let chunk = Chunk(columns: zip(specs, spans).map { ColumnBuilder(spec: $0, reserve: reserve, span: $1) })
    var scratch: [UInt8] = []
    let columns = specs.count
    var pos = range.lowerBound
    let end = range.upperBound
    let delimiter = self.delimiter
    var rows = 0
    var targets: [NumericTarget] = []
    // One unsafe view of the builders for the whole loop: no uniqueness check per field.
    let failure = chunk.columns.withUnsafeMutableBufferPointer { (b) -> ChunkError? in
      while pos < end {
        if p[pos] == UInt8(ascii: "\n") || p[pos] == UInt8(ascii: "\r") {
          pos += 1
          continue
        }
        let taken = numericLane ? Self.takeNumericRows(p, &pos, end, delimiter, builders: b, targets: &targets) : 0
        if taken > 0 {
          rows += taken
          continue
        }
        let rowStart = pos
        var column = 0
        var fieldEnd: FieldEnd
        repeat {
          // Plain numbers are scanned and parsed in one pass; everything else takes the general path.
          if column < columns, b[column].appendNumber(p, &pos, end, delimiter) {
            fieldEnd = terminator(p, &pos, end)
            column += 1
            continue
          }
          let field = scanField(p, &pos, end, &scratch)
          fieldEnd = field.end
          switch field.end {
          case .unterminated:
            return ChunkError(offset: field.start, message: "unterminated quoted field", unterminated: true)
          case .textAfterQuote:
            return ChunkError(offset: pos, message: "unexpected text after the closing quote of a field")
          default: break
          }
          if column < columns {
            do throws(FieldFailure) {
              if field.inScratch {
                try scratch.withUnsafeBufferPointer { (bytes) throws(FieldFailure) in
                  try b[column].append(bytes.baseAddress!, bytes.count)
                }
              } else {
                try b[column].append(p + field.start, field.count)
              }
            } catch {
              return ChunkError(offset: field.start, message: Self.describe(error, field, p, scratch, names[column]))
            }
          }
          column += 1
        } while fieldEnd == .delimiter
        if column != columns {
          return ChunkError(offset: rowStart, message: "row has \(column) fields where the header has \(columns)")
        }
        rows += 1
      }
      return nil
    }
    if let failure { return .failure(failure) }
    chunk.rows = rows
    return .success(chunk)
  }

  private static func describe(
    _ failure: FieldFailure, _ field: Field, _ p: UnsafePointer<UInt8>, _ scratch: [UInt8], _ name: String
  ) -> String {
    switch failure {
    case .invalidUTF8:
      return "invalid UTF-8 in column '\(name)'"
    case .reservedInteger:
      return "column '\(name)': \(IntegerRange.reservedMessage)"
    case .expected(let kind):
      var text = field.withBytes(p, scratch) { String(decoding: UnsafeBufferPointer(start: $0, count: $1), as: UTF8.self) }
      if text.count > 40 { text = String(text.prefix(40)) + "…" }
      return "column '\(name)': expected \(kind.expectation), found '\(text)'"
    }
  }
}
