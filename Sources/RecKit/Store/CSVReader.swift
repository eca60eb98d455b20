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
/// materialised once per distinct value. A large file with no quotes is cut at line
/// boundaries into chunks parsed in parallel; the chunks' columns are then unified and
/// concatenated.
///
/// Types are inferred over the whole file (see `CSVReader+Inference.swift`) unless a
/// loader declares them.
struct CSVReader {
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
    var chunks = chunkRanges(base, body)
    let estimate = estimateRows(base, body)
    let parse = { (range: Range<Int>) in
      parseChunk(base, range, names: names, specs: specs, reserve: range.count * estimate / max(1, body.count) + 16)
    }
    // A cut is only safe when no newline before it sits inside quotes: each chunk checks
    // its own bytes for a quote, and any quote sends the whole body to one thread.
    var results = Self.parallelMap(chunks.count) { i -> Result<Chunk, ChunkError>? in
      chunks.count > 1 && holdsQuote(base, chunks[i]) ? nil : parse(chunks[i])
    }
    if results.contains(where: { $0 == nil }) {
      chunks = [body]
      results = [parse(body)]
    }
    var parts: [Chunk] = []
    for result in results {
      switch result! {
      case .success(let chunk): parts.append(chunk)
      case .failure(let e): throw DataError.malformed(file, line: Self.line(of: e.offset, in: base), e.message)
      }
    }
    results = []
    let kinds = (0..<names.count).map { c in
      parts.reduce(FieldKind.unknown) { $0.join($1.columns[c].kind) }
    }
    let needsReparse = parts.indices.filter { i in
      zip(parts[i].columns, kinds).contains { b, k in b.kind != k || b.lost }
    }
    if !needsReparse.isEmpty {
      let fixed = zip(specs, kinds).map { spec, kind -> ColumnSpec in
        if case .list = spec { return spec }
        return .fixed(kind == .unknown ? .string : kind)
      }
      let redone = Self.parallelMap(needsReparse.count) { k in
        parseChunk(base, chunks[needsReparse[k]], names: names, specs: fixed, reserve: parts[needsReparse[k]].rows)
      }
      for (i, result) in zip(needsReparse, redone) {
        switch result {
        case .success(let chunk): parts[i] = chunk
        case .failure(let e): throw DataError.malformed(file, line: Self.line(of: e.offset, in: base), e.message)
        }
      }
    }
    var columns: [(String, Column)] = []
    for (c, name) in names.enumerated() {
      let unixTime = specs[c] == .infer && Self.unixTimeColumnNames.contains(name)
      columns.append((name, ColumnBuilder.merge(parts, column: c, unixTime: unixTime)))
    }
    return Table(columns)
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

  /// Whether `range` holds a quote that opens a quoted field (CSV only).
  private func holdsQuote(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) -> Bool {
    quoting && memchr(p + range.lowerBound, Int32(UInt8(ascii: "\"")), range.count) != nil
  }

  /// Rows in the body, estimated from the mean length of its first lines.
  private func estimateRows(_ p: UnsafePointer<UInt8>, _ body: Range<Int>) -> Int {
    let sample = min(body.count, 1 << 16)
    var lines = 0
    for i in body.lowerBound..<body.lowerBound + sample where p[i] == UInt8(ascii: "\n") { lines += 1 }
    guard lines > 0, sample < body.count else { return lines + 1 }
    return body.count / sample * lines + body.count % sample * lines / sample + lines / 8 + 16
  }

  /// `work(i)` for every `i` in `0..<count`, run in parallel when there is more than one.
  static func parallelMap<T>(_ count: Int, _ work: (Int) -> T) -> [T] {
    if count == 1 { return [work(0)] }
    var out = [T?](repeating: nil, count: count)
    withoutActuallyEscaping(work) { work in
      out.withUnsafeMutableBufferPointer { slots in
        // Each iteration writes only its own slot.
        let shared = UncheckedSendable((slots, work))
        DispatchQueue.concurrentPerform(iterations: count) { i in
          shared.value.0[i] = shared.value.1(i)
        }
      }
    }
    return out.map { $0! }
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

/// A value handed to the parallel chunk workers, each of which touches only its own part.
struct UncheckedSendable<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
