import RecCore

/// `load table NAME from FILE [as csv|tsv|jsonl|parquet] [map member = userId, …]`: one file into
/// one table, with columns renamed by the `map` clause; and the pieces every loader shares.
public enum FileLoader {
  /// Reads `path` into the table `name`, renaming columns per `map` (target = source).
  /// - Parameters:
  ///   - displayName: the path as the user wrote it, for messages.
  ///   - format: from `as …`; nil picks it by extension.
  /// - Throws: `DataError`; a `map` source the file lacks is `.mapSource(index:)`, with a
  ///   "did you mean" when a column's name is close.
  public static func load(
    table name: String, path: String, displayName: String, format: FileFormat?,
    map: [(to: String, from: String)] = [], reading: ColumnReading = ColumnReading(),
    cancellation: Cancellation = .never
  ) throws(DataError) -> (tables: [(String, Table)], report: LoadReport) {
    let clock = ContinuousClock()
    let start = clock.now
    let read = try TableReader.read(path: path, displayName: displayName, format: format, cancellation: cancellation)
    let (typed, typedRepairs, sources) = try applyTypes(reading, to: reading.markingMissing(read), map: map, file: displayName)
    var (table, repairs) = MostlyNumbers.repair(typed, skipping: sources)
    repairs = typedRepairs + repairs
    var mapped: [String] = []
    for (index, pair) in map.enumerated() {
      guard table.index(of: pair.from) != nil else {
        let message = DiagnosticMessage.unknownColumn(pair.from, in: displayName, known: table.names)
        throw DataError(.mapSource(index: index), file: displayName, message.text)
      }
      if pair.to != pair.from, table.index(of: pair.to) != nil {
        throw DataError.malformed(displayName, "cannot rename '\(pair.from)' to '\(pair.to)': '\(pair.to)' is already a column")
      }
      table.rename(pair.from, to: pair.to)
      mapped.append("\(pair.to) ← \(pair.from)")
      if CSVReader.unixTimeColumnNames.contains(pair.to), !sources.contains(pair.from), let column = table[pair.to],
        column.type == .int
      {
        table.set(pair.to, Column(type: .time, storage: column.storage))
      }
    }
    var report = LoadReport()
    report.read(displayName)
    report.made(name, table, mapped: mapped)
    report.warn(repairs, in: name)
    report.elapsedSeconds = (clock.now - start).inSeconds
    return ([(name, table)], report)
  }

  /// `table` with the columns of `types` cast (named as after `map`, found by their names in the
  /// file), what was made missing, and the file's names of the typed columns.
  private static func applyTypes(
    _ reading: ColumnReading, to table: Table, map: [(to: String, from: String)], file: String
  ) throws(DataError) -> (Table, [MostlyNumbers.Repair], Set<String>) {
    var out = table
    var repairs: [MostlyNumbers.Repair] = []
    var sources: Set<String> = []
    for (name, type) in reading.types {
      let source = map.first { $0.to == name }?.from ?? name
      guard let column = table[source] else {
        let message = DiagnosticMessage.unknownColumn(name, in: file, known: table.names)
        throw DataError(.malformed, file: file, "types: " + message.text)
      }
      let (cast, failed) = column.cast(to: type)
      out.set(source, cast)
      sources.insert(source)
      if !failed.isEmpty {
        let examples = failed.prefix(3).map { (row: $0, text: CellFormatter.csv(column.value(at: $0))) }
        repairs.append(MostlyNumbers.Repair(column: name, type: type, bad: failed.count, examples: examples))
      }
    }
    return (out, repairs, sources)
  }

  // MARK: - Shared by the dataset loaders

  /// The distinct values of an id column, ascending, as a one-column table `id`.
  static func distinctIds(_ column: Column) -> Table {
    switch column.storage {
    case .int32(let a):
      return Table([("id", Column(type: .int, storage: .int32(distinctAscending(a, missing: .min))))])
    case .int64(let a):
      return Table([("id", Column(type: .int, storage: .int64(distinctAscending(a, missing: .min))))])
    case .string(let codes, let dict):
      let used = Set(codes).filter { $0 >= 0 }.map { dict[$0] }.sorted()
      return Table([("id", Column(type: .string, values: used.map(Value.string)))])
    default:
      return Table([("id", column)])
    }
  }

  /// The distinct values of `values` other than `missing`, ascending. Ids are dense in practice
  /// (MovieLens numbers its 162,541 users 1…162,541), so when the span of the values needs no
  /// more bit-set words than there are values, one bit per possible id is set and read back in
  /// order — two passes, no hashing; sparse ids are sorted and deduplicated instead.
  /// - Complexity: O(n + span/64) dense, O(n log n) sparse.
  static func distinctAscending<T: FixedWidthInteger & Sendable>(_ values: [T], missing: T) -> [T] {
    var low = T.max
    var high = T.min
    for v in values where v != missing {
      low = min(low, v)
      high = max(high, v)
    }
    guard low <= high else { return [] }
    // The span in 64 bits without overflow: both ends fit Int64 for every id storage.
    let span = UInt64(truncatingIfNeeded: Int64(high) &- Int64(low))
    guard span / 64 < UInt64(values.count) else {
      var sorted = values.filter { $0 != missing }
      sorted.sort()
      var distinct: [T] = []
      for v in sorted where distinct.last != v { distinct.append(v) }
      return distinct
    }
    var bits = [UInt64](repeating: 0, count: Int(span / 64) + 1)
    for v in values where v != missing {
      let offset = Int(truncatingIfNeeded: Int64(v) &- Int64(low))
      bits[offset >> 6] |= 1 << UInt64(offset & 63)
    }
    var distinct: [T] = []
    for (w, word) in bits.enumerated() {
      var rest = word
      while rest != 0 {
        let offset = w << 6 | rest.trailingZeroBitCount
        distinct.append(T(truncatingIfNeeded: Int64(low) &+ Int64(offset)))
        rest &= rest &- 1
      }
    }
    return distinct
  }

  /// A float column of `count` ones (a rating is a play with completion 1).
  static func ones(_ count: Int) -> Column {
    Column(type: .float, storage: .float32([Float](repeating: 1, count: count)))
  }

  /// `table` with its columns renamed (`[old: new]`) and, where `type` is given, retyped
  /// over the same storage.
  static func column(_ table: Table, _ name: String, as type: ColumnType? = nil) -> Column? {
    guard let c = table[name] else { return nil }
    guard let type, type != c.type else { return c }
    return Column(type: type, storage: c.storage)
  }

  /// Whole seconds (rounded down) from a float column of seconds; integers pass through.
  /// - Throws: `DataError` naming `file` and the first data row whose value is not a finite
  ///   number of seconds that a 64-bit integer holds (`Int.min` is kept for missing).
  static func wholeSeconds(_ column: Column, file: String, name: String) throws(DataError) -> Column {
    switch column.storage {
    case .float32, .float64:
      var ints = [Int](repeating: Int.min, count: column.count)
      for i in 0..<column.count {
        guard let v = column.double(at: i) else { continue }
        let down = v.rounded(.down)
        guard down > -0x1p63, down < 0x1p63 else {
          throw DataError.malformed(
            file, "\(name) of data row \(i + 1) is \(v), which is not a time in seconds rec can keep (at most ±9.2e18)")
        }
        ints[i] = Int(down)
      }
      return Column(type: .time, ints: ints)
    default:
      return Column(type: .time, storage: column.storage)
    }
  }

  /// The path of `name` inside `directory`.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

}
