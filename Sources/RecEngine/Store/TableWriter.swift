import RecCore

/// Writes a `Table` as CSV, TSV or JSON Lines (`save NAME to FILE`).
///
/// Missing values are empty fields (CSV, TSV) or `null` (JSON); lists are `|`-joined
/// fields or arrays of strings; dates and times are written as the language writes
/// them (`2026-06-01`, `2026-06-01T18:30`); floats in their shortest round-trip form;
/// durations as whole seconds. The file is replaced atomically: the text goes to a
/// temporary file in the same folder, which is then renamed over the target.
public enum TableWriter {
  /// Writes `table` to `path`; a stop asked of `cancellation` leaves the file as it was.
  /// - Parameters:
  ///   - displayName: the path as the user wrote it, for errors; nil uses `path`.
  ///   - format: the layout; nil picks it by the file's extension, CSV when that says nothing.
  /// - Complexity: O(rows × columns).
  public static func write(
    _ table: Table, to path: String, displayName: String? = nil, format: FileFormat?,
    cancellation: Cancellation = .never
  ) throws(DataError) {
    let name = displayName ?? path
    let format = format ?? FileFormat(path: path) ?? .csv
    var out: [UInt8] = []
    let stop = { () throws(DataError) in if cancellation.isCancelled { throw DataError.interrupted(name) } }
    switch format {
    case .csv: try encodeDelimited(table, into: &out, delimiter: UInt8(ascii: ","), stop: stop)
    case .tsv: try encodeTSV(table, into: &out, file: name, stop: stop)
    case .jsonl: try encodeJSONLines(table, into: &out, stop: stop)
    case .parquet:
      throw DataError.io(name, "rec reads Parquet but does not write it: save to .csv, .tsv or .jsonl")
    }
    try replace(path, with: out, file: name, stop: { cancellation.isCancelled })
  }

  /// Rows encoded between two looks at whether to stop.
  private static let rowsBetweenChecks = 4096

  /// Writes `text` (a chart, a document) to `path` atomically.
  package static func writeText(_ text: String, to path: String, displayName: String) throws(DataError) {
    try replace(path, with: Array(text.utf8), file: displayName)
  }

  private static func replace(
    _ path: String, with bytes: [UInt8], file: String, stop: () -> Bool = { false }
  ) throws(DataError) {
    do {
      try AtomicFile.write(bytes, to: path, stop: stop)
    } catch {
      if error == AtomicFile.interrupted { throw DataError.interrupted(file) }
      throw error.folderMissing
        ? DataError(.fileNotFound, file: file, "cannot write '\(file)': the folder does not exist")
        : DataError.io(file, "cannot write the file (\(error.reason))")
    }
  }

  // MARK: - Encoders

  static func encodeDelimited(
    _ table: Table, into out: inout [UInt8], delimiter: UInt8, stop: () throws(DataError) -> Void = {}
  ) throws(DataError) {
    let quoting = delimiter == UInt8(ascii: ",")
    for (i, name) in table.names.enumerated() {
      if i > 0 { out.append(delimiter) }
      appendField(name, quoting: quoting, to: &out)
    }
    out.append(UInt8(ascii: "\n"))
    for row in 0..<table.count {
      if row % rowsBetweenChecks == 0 { try stop() }
      for (i, column) in table.columns.enumerated() {
        if i > 0 { out.append(delimiter) }
        if let text = text(column.value(at: row)) { appendField(text, quoting: quoting, to: &out) }
      }
      out.append(UInt8(ascii: "\n"))
    }
  }

  private static func encodeTSV(
    _ table: Table, into out: inout [UInt8], file: String, stop: () throws(DataError) -> Void
  ) throws(DataError) {
    for (name, column) in zip(table.names, table.columns) where column.type == .string || column.type == .list {
      for row in 0..<table.count {
        if let text = text(column.value(at: row)), text.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 }) {
          throw DataError.io(
            file, "column '\(name)' holds a tab or line break, which a TSV file cannot hold; save as .csv")
        }
      }
    }
    try encodeDelimited(table, into: &out, delimiter: UInt8(ascii: "\t"), stop: stop)
  }

  /// A value as a CSV/TSV field; nil for a missing value.
  static func text(_ value: Value) -> String? {
    switch value {
    case .null: nil
    case .int(let v), .duration(let v): String(v)
    case .float(let v): v.description
    case .bool(let b): b ? "true" : "false"
    case .string(let s): s
    case .date(let d): CivilTime.formatDate(days: d)
    case .time(let t): CivilTime.formatTime(seconds: t)
    case .list(let items): items.joined(separator: "|")
    }
  }

  private static func appendField(_ text: String, quoting: Bool, to out: inout [UInt8]) {
    let needsQuotes = quoting && text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    guard needsQuotes else { return out.append(contentsOf: text.utf8) }
    out.append(0x22)
    for c in text.utf8 {
      if c == 0x22 { out.append(0x22) }
      out.append(c)
    }
    out.append(0x22)
  }

  static func encodeJSONLines(
    _ table: Table, into out: inout [UInt8], stop: () throws(DataError) -> Void = {}
  ) throws(DataError) {
    for row in 0..<table.count {
      if row % rowsBetweenChecks == 0 { try stop() }
      out.append(UInt8(ascii: "{"))
      for (i, (name, column)) in zip(table.names, table.columns).enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        appendJSONString(name, to: &out)
        out.append(UInt8(ascii: ":"))
        switch column.value(at: row) {
        case .null: out.append(contentsOf: "null".utf8)
        case .float(let v) where !v.isFinite: out.append(contentsOf: "null".utf8)
        case .string(let s): appendJSONString(s, to: &out)
        case .date, .time: appendJSONString(text(column.value(at: row))!, to: &out)
        case .list(let items):
          out.append(UInt8(ascii: "["))
          for (k, item) in items.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(item, to: &out)
          }
          out.append(UInt8(ascii: "]"))
        case let other: out.append(contentsOf: text(other)!.utf8)
        }
      }
      out.append(contentsOf: "}\n".utf8)
    }
  }

  private static func appendJSONString(_ s: String, to out: inout [UInt8]) {
    let hex = Array("0123456789abcdef".utf8)
    out.append(0x22)
    for c in s.utf8 {
      switch c {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      case ..<0x20: out.append(contentsOf: Array("\\u00".utf8) + [hex[Int(c >> 4)], hex[Int(c & 15)]])
      default: out.append(c)
      }
    }
    out.append(0x22)
  }
}
