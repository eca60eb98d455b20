import Collections

/// The distinct strings of a dictionary-encoded column, each with a stable code.
///
/// Codes are `Int32` positions in insertion order; a column stores only codes.
/// Several columns may share one dictionary (it is a value type, copied on write).
public struct StringDictionary: Sendable, Hashable {
  /// The interned strings; a string's code is its index.
  public private(set) var strings: OrderedSet<String>

  public init() { strings = [] }

  public init<S: Sequence>(_ values: S) where S.Element == String {
    strings = OrderedSet(values)
  }

  /// The number of distinct strings.
  public var count: Int { strings.count }

  /// The code for `s`, adding it when new.
  /// - Complexity: amortised O(1) (hashing `s`).
  @discardableResult
  public mutating func intern(_ s: String) -> Int32 {
    let (_, index) = strings.append(s)
    return Int32(index)
  }

  /// The code of `s`, or nil when it is not in the dictionary.
  /// - Complexity: O(1) expected.
  public func code(of s: String) -> Int32? {
    strings.firstIndex(of: s).map { Int32($0) }
  }

  /// The string with code `code`.
  public subscript(code: Int32) -> String { strings[Int(code)] }
}
