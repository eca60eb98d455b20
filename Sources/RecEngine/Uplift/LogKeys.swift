import RecCore

/// The member, title and time of each row of a log — exposures, or plays — read as whole numbers
/// (a time is its seconds), for the statements that match a log's rows by member and title.
package struct LogKeys {
  /// What the log holds: the errors name it.
  package enum Kind: Sendable {
    case exposures, plays
  }

  /// The columns a log must have, each a whole number or a time.
  package static let columns = ["member", "title", "at"]

  package let member: [Int]
  package let title: [Int]
  package let at: [Int]

  /// The rows of the log.
  package var count: Int { at.count }

  /// Reads `table` (called `name`, located at `range` for errors).
  /// - Throws: a diagnostic when the table lacks a column or has one of the wrong type, or a row
  ///   lacks a value (naming the row).
  package init(_ table: Table, name: String, kind: Kind, at range: SourceRange?) throws(Diagnostic) {
    if let problem = Self.problem(in: Schema(of: table), name: name, kind: kind) { throw Diagnostic(problem, at: range) }
    var values: [[Int]] = []
    for column in Self.columns {
      guard let c = table[column] else { throw Diagnostic(Self.missing(column, name: name, kind: kind), at: range) }
      var read: [Int] = []
      read.reserveCapacity(table.count)
      for i in 0..<table.count {
        guard let v = c.int(at: i) else {
          throw Diagnostic(.cannotReadExposure(row: i + 1, of: name, reason: "it has no '\(column)'"), at: range)
        }
        read.append(v)
      }
      values.append(read)
    }
    (member, title, at) = (values[0], values[1], values[2])
  }

  /// Why a table of this schema (called `name`) cannot be read as a log of `kind`; nil when it can.
  package static func problem(in schema: Schema, name: String, kind: Kind) -> DiagnosticMessage? {
    for column in columns {
      guard let type = schema.type(of: column) else { return missing(column, name: name, kind: kind) }
      guard [.int, .time].contains(type) else {
        let wanted = column == "at" ? "a time column 'at'" : "a whole-number column '\(column)'"
        return .expected(wanted + " in '\(name)'", found: type.noun)
      }
    }
    return nil
  }

  private static func missing(_ column: String, name: String, kind: Kind) -> DiagnosticMessage {
    switch kind {
    case .exposures: .notAnExposureLog(name, missing: column)
    case .plays: .notAPlaysTable(name, reason: "it has no '\(column)' column")
    }
  }
}
