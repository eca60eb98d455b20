/// A typed column of a `Table`: a logical type over a compact physical array.
///
/// Missing values are sentinels, so that every column is one flat array:
/// `Int32.min` / `Int.min` in integer storage (int, date, time, duration),
/// NaN in float storage, -1 in bool and string-code storage; a missing list is empty.
/// Integers are kept in 32 bits when every value fits, which keeps a MovieLens
/// rating row (member, title, rating, time) at 16–20 bytes.
public struct Column: Sendable {
  /// The physical layout of the values.
  public enum Storage: Sendable {
    case int32([Int32])
    case int64([Int])
    case float32([Float])
    case float64([Double])
    /// 0 = false, 1 = true, -1 = missing.
    case bool([Int8])
    /// Codes into the dictionary; -1 = missing.
    case string([Int32], StringDictionary)
    /// The list of row `i` is `codes[offsets[i]..<offsets[i+1]]`; `offsets` has count + 1 entries.
    case list(offsets: [Int32], codes: [Int32], StringDictionary)
  }

  public var type: ColumnType
  public var storage: Storage

  public init(type: ColumnType, storage: Storage) {
    self.type = type
    self.storage = storage
    precondition(Self.fits(type, storage), "storage does not fit column type \(type)")
  }

  static func fits(_ type: ColumnType, _ storage: Storage) -> Bool {
    switch (type, storage) {
    case (.int, .int32), (.int, .int64), (.date, .int32), (.date, .int64), (.time, .int32),
      (.time, .int64), (.duration, .int32), (.duration, .int64), (.float, .float32),
      (.float, .float64), (.bool, .bool), (.string, .string), (.list, .list):
      true
    default: false
    }
  }

  /// The number of values.
  /// - Complexity: O(1).
  public var count: Int {
    switch storage {
    case .int32(let a): a.count
    case .int64(let a): a.count
    case .float32(let a): a.count
    case .float64(let a): a.count
    case .bool(let a): a.count
    case .string(let a, _): a.count
    case .list(let o, _, _): o.count - 1
    }
  }

  /// Bytes held by the column's arrays (dictionaries counted by their UTF-8 size).
  public var byteSize: Int {
    switch storage {
    case .int32(let a): a.count * 4
    case .int64(let a): a.count * 8
    case .float32(let a): a.count * 4
    case .float64(let a): a.count * 8
    case .bool(let a): a.count
    case .string(let a, let d): a.count * 4 + d.strings.reduce(0) { $0 + $1.utf8.count + 16 }
    case .list(let o, let c, let d): (o.count + c.count) * 4 + d.strings.reduce(0) { $0 + $1.utf8.count + 16 }
    }
  }
}
