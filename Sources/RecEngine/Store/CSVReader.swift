import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads delimited text (CSV with RFC 4180 quoting, or TSV) into a typed `Table`.
///
/// The file's bytes are scanned with a small state machine over an
/// `UnsafeBufferPointer<UInt8>`: fields are byte ranges, plain numbers are parsed in the
/// same pass that finds their end, other values straight from bytes, and text is
/// materialised once per distinct value. A large file is cut at line boundaries into
/// chunks parsed in parallel (read again on one thread should a cut fall inside a quoted
/// field); the chunks' columns are then unified and concatenated.
///
/// Types are inferred over the whole file (see `CSVReader+Inference.swift`) unless a
/// loader declares them.
package struct CSVReader {
  /// The field separator.
  var delimiter: UInt8 = UInt8(ascii: ",")
  /// Whether `"` opens a quoted field (CSV), or is an ordinary byte (TSV).
  var quoting = true
  /// Specs for named columns; the others are inferred (or lists, by name).
  var declared: [String: ColumnSpec] = [:]
  /// Files smaller than this are parsed on one thread.
  var parallelThreshold = 1 << 22
  /// Chunks are no smaller than this, so that their fixed costs stay small.
  var minimumChunkBytes = 1 << 20
  /// Whether rows of plain numbers take the fast lane (`CSVReader+NumericRows.swift`);
  /// off only to check that lane against the general loop.
  var numericLane = true
  /// Looked at between the passes over the file: a stop asked for ends the read.
  var cancellation = Cancellation.never

  /// The reader for `format` (CSV or TSV).
  init(format: FileFormat) {
    if format == .tsv {
      delimiter = UInt8(ascii: "\t")
      quoting = false
    }
  }

  /// The table in `bytes`; `file` is the name errors use.
  /// - Complexity: O(bytes), on all cores.
  func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(DataError) -> Table {
    guard let base = bytes.baseAddress, !bytes.isEmpty else {
      throw DataError.malformed(file, "the file is empty (no header)")
    }
    var start = 0
    if bytes.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
    let header = try readHeader(base, from: start, end: bytes.count, file: file)
    let names = header.names
    let specs = names.map { name in
      declared[name] ?? (Self.listColumnNames.contains(name) ? .list(separator: UInt8(ascii: "|")) : .infer)
    }
    let body = header.bodyStart..<bytes.count
    let chunks = chunkRanges(base, body)
    var lines = parallelMap(chunks.count) { Self.countLines(base, chunks[$0]) }
    if cancellation.isCancelled { throw DataError.interrupted(file) }
    if !body.isEmpty, base[body.upperBound - 1] != UInt8(ascii: "\n") { lines[lines.count - 1] += 1 }
    var starts = [0]
    for n in lines { starts.append(starts.last! + n) }
    let inPlace = starts.last! == 0 ? [] : specs.indices.filter { FinalKind(specs[$0]) != nil }
    var columns = [Column?](repeating: nil, count: names.count)
    var failure: DataError?
    let storages = Self.withFinalArrays(inPlace.map { FinalKind(specs[$0])! }, count: starts.last!) { addresses in
      var spans = [UnsafeMutableRawPointer?](repeating: nil, count: names.count)
      for (k, c) in inPlace.enumerated() { spans[c] = addresses[k] }
      do throws(DataError) {
        let parts = try parseChunks(base, chunks, starts: starts, names: names, specs: specs, spans: spans, file: file)
        var counts: [Int?] = []
        for (c, name) in names.enumerated() {
          if let span = spans[c], let n = Self.settle(parts, column: c, base: span, starts: starts) {
            counts.append(n)
            continue
          }
          if spans[c] != nil { counts.append(nil) }
          let unixTime = specs[c] == .infer && Self.unixTimeColumnNames.contains(name)
          columns[c] = ColumnBuilder.merge(parts, column: c, unixTime: unixTime)
        }
        return counts
      } catch {
        failure = error
        return inPlace.map { _ in nil }
      }
    }
    if let failure { throw failure }
    for (k, c) in inPlace.enumerated() {
      guard let storage = storages[k], case .fixed(let kind) = specs[c] else { continue }
      let type: ColumnType = switch kind {
      case .date: .date
      case .time: .time
      case .float: .float
      default: .int
      }
      columns[c] = Column(type: type, storage: storage)
    }
    return Table(zip(names, columns).map { ($0, $1!) })
  }

  /// Parses every chunk, in parallel, chunk `i` holding at most `starts[i + 1] - starts[i]`
  /// rows and writing columns with a span at that offset into it; chunks whose inferred
  /// kinds turn out narrower than the file's are parsed again with the file's kinds.
  ///
  /// Each chunk is parsed as if it began a row. The first does; and a chunk that began a row
  /// and reads to its end without a quoted field left open ends where a row ends, so the next
  /// begins one. Results are taken in order, so the first chunk whose quoted field runs past
  /// its end is seen before anything read from a cut inside quotes is used.
  private func parseChunks(
    _ base: UnsafePointer<UInt8>, _ chunks: [Range<Int>], starts: [Int], names: [String], specs: [ColumnSpec],
    spans: [UnsafeMutableRawPointer?], file: String
  ) throws(DataError) -> [Chunk] {
    let parse = { (i: Int, specs: [ColumnSpec]) in
      parseChunk(
        base, chunks[i], names: names, specs: specs, reserve: starts[i + 1] - starts[i],
        spans: spans.map { $0.map { $0 + starts[i] * FinalKind.stride } })
    }
    var parts: [Chunk] = []
    let results = parallelMap(chunks.count) { parse($0, specs) }
    if cancellation.isCancelled { throw DataError.interrupted(file) }
    for (i, result) in results.enumerated() {
      switch result {
      case .success(let chunk): parts.append(chunk)
      case .failure(let e) where e.unterminated && i < chunks.count - 1:
        // The cut after this chunk fell inside a quoted field (one holding a line break):
        // the chunks after it started mid-field, so the whole body is read on one thread.
        let whole = chunks[0].lowerBound..<chunks[chunks.count - 1].upperBound
        return try parseChunks(
          base, [whole], starts: [starts[0], starts[starts.count - 1]], names: names, specs: specs, spans: spans,
          file: file)
      case .failure(let e): throw DataError.malformed(file, line: Self.line(of: e.offset, in: base), e.message)
      }
    }
    let kinds = (0..<names.count).map { c in
      parts.reduce(FieldKind.unknown) { $0.join($1.columns[c].kind) }
    }
    let needsReparse = parts.indices.filter { i in
      zip(parts[i].columns, kinds).contains { b, k in b.kind != k || b.lost }
    }
    guard !needsReparse.isEmpty else { return parts }
    let fixed = zip(specs, kinds).map { spec, kind -> ColumnSpec in
      if case .list = spec { return spec }
      return .fixed(kind == .unknown ? .string : kind)
    }
    let redone = parallelMap(needsReparse.count) { k in parse(needsReparse[k], fixed) }
    for (i, result) in zip(needsReparse, redone) {
      switch result {
      case .success(let chunk): parts[i] = chunk
      case .failure(let e): throw DataError.malformed(file, line: Self.line(of: e.offset, in: base), e.message)
      }
    }
    return parts
  }

  // MARK: - Header and chunks

  private func readHeader(
    _ p: UnsafePointer<UInt8>, from start: Int, end: Int, file: String
  ) throws(DataError) -> (names: [String], bodyStart: Int) {
    var names: [String] = []
    var pos = start
    var scratch: [UInt8] = []
    while true {
      let field = scanField(p, &pos, end, &scratch)
      switch field.end {
      case .unterminated: throw DataError.malformed(file, line: 1, "unterminated quoted field")
      case .textAfterQuote: throw DataError.malformed(file, line: 1, "unexpected text after the closing quote of a field")
      default: break
      }
      let text = field.withBytes(p, scratch) { String(validating: UnsafeBufferPointer(start: $0, count: $1), as: UTF8.self) }
      guard let text else { throw DataError.malformed(file, line: 1, "invalid UTF-8 in the header") }
      // A NUL is in no column name: the file is binary (or zeroed), whatever its name says.
      guard !text.utf8.contains(0) else {
        throw DataError.malformed(file, line: 1, "a NUL byte in the header: this is not a text file")
      }
      names.append(text.isEmpty ? "column\(names.count + 1)" : text)
      guard case .delimiter = field.end else { break }
    }
    if names == ["column1"] && pos >= end { throw DataError.malformed(file, "the file is empty (no header)") }
    var seen: Set<String> = []
    for name in names where !seen.insert(name).inserted {
      throw DataError.malformed(file, line: 1, "column '\(name)' appears twice in the header")
    }
    return (names, pos)
  }

  /// Ranges of about equal size, each cut just after a newline; a single range when the
  /// body is small. There are several ranges per core, so that a thread that finishes
  /// early (or gets more of a busy machine) takes more of them.
  private func chunkRanges(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> [Range<Int>] {
    guard body.count >= parallelThreshold else { return [body] }
    let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    let pieces = max(2, min(8 * cores, body.count / max(1, minimumChunkBytes)))
    var ranges: [Range<Int>] = []
    var start = body.lowerBound
    for k in 1..<pieces {
      let target = body.lowerBound + body.count / pieces * k
      guard target > start,
        let nl = memchr(p + target, Int32(UInt8(ascii: "\n")), body.upperBound - target)
      else { continue }
      let cut = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p + 1
      ranges.append(start..<cut)
      start = cut
    }
    if start < body.upperBound { ranges.append(start..<body.upperBound) }
    return ranges
  }

  /// The 1-based physical line holding byte `offset`.
  static func line(of offset: Int, in p: UnsafePointer<UInt8>) -> Int {
    var line = 1
    var at = 0
    while at < offset, let nl = memchr(p + at, Int32(UInt8(ascii: "\n")), offset - at) {
      line += 1
      at = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - p + 1
    }
    return line
  }
}
