/// The values of one column in one row group, in rec's storage with missing values as its
/// sentinels (`Column`); the parts of all row groups are joined into the table's column.
struct ParquetColumnPart {
  let leaf: ParquetSchema.Leaf
  private var bools: [Int8] = []
  private var ints32: [Int32] = []
  private var ints64: [Int] = []
  private var floats: [Float] = []
  private var doubles: [Double] = []
  /// String codes into `strings`, one per row, or for a list the items of all rows.
  private var codes: [Int32] = []
  /// For a list, where each row's items start in `codes`; one more than the rows once finished.
  private var offsets: [Int32] = [0]
  private var strings = StringDictionary()
  private var levelsSeen = false

  /// An empty part for `rows` rows of `leaf`, its array sized for them at once (growing it page
  /// by page to the exact size would copy it at every page).
  init(_ leaf: ParquetSchema.Leaf, rows: Int) {
    self.leaf = leaf
    switch leaf.kind {
    case .bool: bools.reserveCapacity(rows)
    case .int32, .date: ints32.reserveCapacity(rows)
    case .int64, .uint32, .uint64, .timestamp, .int96Timestamp: ints64.reserveCapacity(rows)
    case .float: floats.reserveCapacity(rows)
    case .double: doubles.reserveCapacity(rows)
    case .string: codes.reserveCapacity(rows)
    case .list: offsets.reserveCapacity(rows + 1)
    }
  }

  /// The chunk's strings, which `ParquetValues.decode` interns into.
  var dictionary: StringDictionary {
    get { strings }
    _modify { yield &strings }
  }

  /// The rows so far.
  var rows: Int {
    switch leaf.kind {
    case .bool: bools.count
    case .int32, .date: ints32.count
    case .int64, .uint32, .uint64, .timestamp, .int96Timestamp: ints64.count
    case .float: floats.count
    case .double: doubles.count
    case .string: codes.count
    case .list: offsets.count - 1 + (levelsSeen ? 1 : 0)
    }
  }

  /// Places a page's values: one per definition level equal to the leaf's maximum, a missing
  /// value for each lower level; with no levels (a required column) every value is a row.
  /// `values` must hold one value per such level (`ParquetPageDecoder` decodes that many).
  mutating func append(_ values: ParquetValues, definitions: [UInt32]?, repetitions: [UInt32]?) throws(ParquetError) {
    // A scalar page with no level below the maximum has its values as its rows.
    let levels = values.count == definitions?.count ? nil : definitions
    switch (leaf.kind, values) {
    case (.bool, .bool(let v)): place(v, into: &bools, missing: -1, levels)
    case (.int32, .int32(let v)), (.date, .int32(let v)): place(v, into: &ints32, missing: .min, levels)
    case (.int64, .int64(let v)), (.int96Timestamp, .int64(let v)): place(v, into: &ints64, missing: .min, levels)
    case (.uint32, .int32(let v)): place(v.map { Int(UInt32(bitPattern: $0)) }, into: &ints64, missing: .min, levels)
    case (.uint64, .int64(let v)):
      if let big = v.first(where: { $0 < 0 }) {
        let value = UInt64(bitPattern: Int64(big))
        throw ParquetError("the UINT_64 value \(value) is past 2^63 - 1, the largest integer rec keeps")
      }
      place(v, into: &ints64, missing: .min, levels)
    case (.timestamp(let perSecond), .int64(let v)):
      place(v.map { floorDivide($0, perSecond) }, into: &ints64, missing: .min, levels)
    case (.float, .float(let v)): place(v, into: &floats, missing: .nan, levels)
    case (.double, .double(let v)): place(v, into: &doubles, missing: .nan, levels)
    case (.string, .text(let v)): place(v, into: &codes, missing: -1, levels)
    case (.list, .text(let v)):
      guard let definitions, let repetitions, repetitions.count == definitions.count else {
        throw ParquetError("a list page without its repetition and definition levels")
      }
      var next = 0
      for (repetition, definition) in zip(repetitions, definitions) {
        if repetition == 0 {
          if levelsSeen { offsets.append(Int32(truncatingIfNeeded: codes.count)) }
          levelsSeen = true
        }
        // Lower levels are a missing or empty list, or a missing item: rec's lists hold strings.
        if definition == UInt32(leaf.maxDefinition) {
          codes.append(v[next])
          next += 1
        }
      }
      guard codes.count < Int32.max else { throw ParquetError("more than 2^31 list items in one row group") }
    default:
      throw ParquetError("the page's values do not fit the column's type")
    }
  }

  private func place<T>(_ values: [T], into out: inout [T], missing: T, _ definitions: [UInt32]?) {
    guard let definitions else { return out.append(contentsOf: values) }
    var next = 0
    for d in definitions {
      if d == UInt32(leaf.maxDefinition) {
        out.append(values[next])
        next += 1
      } else {
        out.append(missing)
      }
    }
  }

  /// The rec column the parts of every row group make, in order. Columns are typed as the CSV
  /// reader types them: integers named `at` or `timestamp` are Unix times, and text in a column
  /// named like a list (`genres`) is split at `|`.
  static func join(_ parts: [ParquetColumnPart], leaf: ParquetSchema.Leaf) -> Column {
    switch leaf.kind {
    case .bool: return Column(type: .bool, storage: .bool(concatenated(parts, \.bools)))
    case .int32, .date:
      let time = CSVReader.unixTimeColumnNames.contains(leaf.name)
      let type: ColumnType = leaf.kind == .date ? .date : time ? .time : .int
      return Column(type: type, storage: .int32(concatenated(parts, \.ints32)))
    case .int64, .uint32, .uint64, .timestamp, .int96Timestamp:
      let integer = leaf.kind == .int64 || leaf.kind == .uint32 || leaf.kind == .uint64
      let time = !integer || CSVReader.unixTimeColumnNames.contains(leaf.name)
      return Column(type: time ? .time : .int, ints: concatenated(parts, \.ints64))
    case .float: return Column(type: .float, storage: .float32(concatenated(parts, \.floats)))
    case .double: return Column(type: .float, storage: .float64(concatenated(parts, \.doubles)))
    case .string:
      let (codes, dictionary) = joinCodes(parts)
      guard CSVReader.listColumnNames.contains(leaf.name) else {
        return Column(type: .string, storage: .string(codes, dictionary))
      }
      let lists = codes.map { $0 < 0 ? Value.null : .list(dictionary[$0].split(separator: "|").map(String.init)) }
      return Column(type: .list, values: lists)
    case .list:
      let (codes, dictionary) = joinCodes(parts)
      var offsets: [Int32] = [0]
      var base: Int32 = 0
      for part in parts {
        let ends = part.levelsSeen ? part.offsets.dropFirst() + [Int32(truncatingIfNeeded: part.codes.count)] : []
        offsets.append(contentsOf: ends.map { $0 &+ base })
        base &+= Int32(truncatingIfNeeded: part.codes.count)
      }
      return Column(type: .list, storage: .list(offsets: offsets, codes: codes, dictionary))
    }
  }

  /// One array of every part's, sized once; a lone part's is shared, not copied.
  private static func concatenated<T>(_ parts: [ParquetColumnPart], _ array: (ParquetColumnPart) -> [T]) -> [T] {
    if parts.count == 1 { return array(parts[0]) }
    var out: [T] = []
    out.reserveCapacity(parts.reduce(0) { $0 + array($1).count })
    for part in parts { out.append(contentsOf: array(part)) }
    return out
  }

  /// Every part's codes, renumbered into one dictionary of all their strings.
  private static func joinCodes(_ parts: [ParquetColumnPart]) -> ([Int32], StringDictionary) {
    guard parts.count > 1 else { return (parts.first?.codes ?? [], parts.first?.strings ?? StringDictionary()) }
    var dictionary = StringDictionary()
    var codes: [Int32] = []
    codes.reserveCapacity(parts.reduce(0) { $0 + $1.codes.count })
    for part in parts {
      let renumber = part.strings.strings.map { dictionary.intern($0) }
      codes.append(contentsOf: part.codes.map { $0 < 0 ? -1 : renumber[Int($0)] })
    }
    return (codes, dictionary)
  }
}
