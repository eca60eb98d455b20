/// The columns a Parquet schema gives a rec table: one per top-level field, each read from one
/// leaf of the schema tree.
///
/// rec's tables are flat, so a top-level field is a primitive (required or optional) or a list
/// of strings, written in either of the spec's list layouts: the three-level
/// `optional group genres (LIST) { repeated group list { optional binary element (STRING) } }`
/// or the older two-level `repeated binary`. Structs, maps and nested lists are refused by name.
struct ParquetSchema: Equatable {
  /// What a leaf's values become in rec.
  enum Kind: Equatable {
    case bool, int32, int64, float, double, string, list
    /// INT32 annotated UINT_32 (or UINT_8, UINT_16): its bits are an unsigned number.
    case uint32
    /// INT64 annotated UINT_64: a value past 2^63 - 1 is an error rather than a negative number.
    case uint64
    /// INT32 days since 1970-01-01.
    case date
    /// INT64 counts of `perSecond` units since 1970-01-01T00:00 UTC.
    case timestamp(perSecond: Int)
    /// INT96 Julian day and nanoseconds of the day, the timestamps of older Spark and Impala.
    case int96Timestamp
  }

  struct Leaf: Equatable {
    /// The rec column's name: the top-level field's.
    var name: String
    var path: [String]
    var physicalType: Int32
    var kind: Kind
    var maxDefinition: Int
    var maxRepetition: Int
  }

  var leaves: [Leaf] = []

  static let maximumDepth = 16

  enum Physical {
    static let boolean: Int32 = 0, int32: Int32 = 1, int64: Int32 = 2, int96: Int32 = 3
    static let float: Int32 = 4, double: Int32 = 5, byteArray: Int32 = 6, fixedLength: Int32 = 7
  }

  init(_ elements: [ParquetFooter.SchemaElement]) throws(ParquetError) {
    guard let root = elements.first, root.childCount >= 0 else { throw ParquetError("the schema is empty") }
    var next = 1
    for _ in 0..<root.childCount {
      guard next < elements.count else { throw ParquetError("the schema ends before its last field") }
      let (leaf, after) = try Self.leaf(of: elements, at: next)
      guard !leaves.contains(where: { $0.name == leaf.name }) else {
        throw ParquetError("column '\(leaf.name)' appears twice in the schema")
      }
      leaves.append(leaf)
      next = after
    }
    guard next == elements.count else { throw ParquetError("the schema has fields outside its root") }
  }

  /// The one leaf under the top-level field at `index`, and the index after the field.
  private static func leaf(
    of elements: [ParquetFooter.SchemaElement], at index: Int
  ) throws(ParquetError) -> (Leaf, Int) {
    let top = elements[index]
    var path: [String] = []
    var definition = 0
    var repetition = 0
    var i = index
    while true {
      guard i < elements.count else { throw ParquetError("the schema ends inside column '\(top.name)'") }
      let e = elements[i]
      path.append(e.name)
      // Levels are kept in a byte; a real schema nests a few deep.
      guard path.count <= Self.maximumDepth else {
        throw ParquetError("column '\(top.name)' nests deeper than \(Self.maximumDepth) levels")
      }
      if e.repetition == 1 { definition += 1 }
      if e.repetition == 2 {
        definition += 1
        repetition += 1
      }
      if let physical = e.physicalType {
        guard e.childCount == 0 else { throw ParquetError("column '\(top.name)' has a leaf with children") }
        var kind = try Self.kind(of: e, physical: physical, column: top.name)
        if repetition > 0 {
          guard repetition == 1, kind == .string else {
            throw ParquetError(
              "column '\(top.name)' is a nested list or a list of \(describe(physical)); "
                + "rec reads lists of strings only")
          }
          kind = .list
        }
        let leaf = Leaf(
          name: top.name, path: path, physicalType: physical, kind: kind, maxDefinition: definition,
          maxRepetition: repetition)
        return (leaf, i + 1)
      }
      let isList = e.convertedType == 3 || e.logicalType == 3
      guard e.childCount == 1, i == index ? isList || e.repetition == 2 : true else {
        throw ParquetError("column '\(top.name)' is a struct or a map; rec reads flat columns and lists of strings")
      }
      i += 1
    }
  }

  private static func kind(
    of e: ParquetFooter.SchemaElement, physical: Int32, column: String
  ) throws(ParquetError) -> Kind {
    // DECIMAL (converted 5, logical 5) would need scaling that a plain number would hide.
    guard e.convertedType != 5, e.logicalType != 5 else {
      throw ParquetError("column '\(column)' is a DECIMAL, which rec does not read")
    }
    switch physical {
    case Physical.boolean: return .bool
    case Physical.int32:
      if e.convertedType == 6 || e.logicalType == 6 { return .date }
      return (11...13).contains(e.convertedType ?? 0) ? .uint32 : .int32
    case Physical.int64:
      if e.logicalType == 8 {
        switch e.timeUnit {
        case 1: return .timestamp(perSecond: 1_000)
        case 2: return .timestamp(perSecond: 1_000_000)
        case 3: return .timestamp(perSecond: 1_000_000_000)
        default: throw ParquetError("column '\(column)' is a TIMESTAMP of an unknown unit")
        }
      }
      if e.convertedType == 9 { return .timestamp(perSecond: 1_000) }
      if e.convertedType == 10 { return .timestamp(perSecond: 1_000_000) }
      return e.convertedType == 14 ? .uint64 : .int64
    case Physical.int96: return .int96Timestamp
    case Physical.float: return .float
    case Physical.double: return .double
    case Physical.byteArray: return .string
    default:
      throw ParquetError("column '\(column)' is \(describe(physical)), which rec does not read")
    }
  }

  /// A physical type's name as parquet.thrift spells it.
  static func describe(_ physical: Int32) -> String {
    let names = ["BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"]
    return names.indices.contains(Int(physical)) ? names[Int(physical)] : "type \(physical)"
  }
}
