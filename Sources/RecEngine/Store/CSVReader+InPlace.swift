/// Reading columns of declared 4-byte kinds straight into their final arrays.
///
/// Chunks parsed in parallel would otherwise each collect their values and then be
/// copied into one array: for 25M ratings, 400 MB written twice and faulted in twice.
/// Counting each chunk's lines first (a fast pass) gives it a span of the final array
/// that its rows cannot outgrow, so its builders write there directly. Blank lines leave
/// a chunk short of its span; the gaps are closed afterwards. A chunk that needs more
/// room (lines ending in a lone `\r`) or wider values moves to its own memory, and that
/// column is then copied together the usual way.
extension CSVReader {
  /// The final storage of a column read in place.
  enum FinalKind {
    case int32, float32

    /// The kind for a column declared as `spec`; nil for inferred, token, string and list
    /// columns, whose storage is only known after reading.
    init?(_ spec: ColumnSpec) {
      switch spec {
      case .fixed(.int), .fixed(.date), .fixed(.time): self = .int32
      case .fixed(.float): self = .float32
      default: return nil
      }
    }

    /// Bytes per value.
    static let stride = 4
  }

  /// Allocates, for each of `kinds`, an array of `count` uninitialised values, and calls
  /// `fill` with their addresses; `fill` returns how many values it wrote at the start of
  /// each, or nil for one it did not use. Returns the used arrays as storage.
  static func withFinalArrays(
    _ kinds: [FinalKind], count: Int, _ fill: ([UnsafeMutableRawPointer]) -> [Int?]
  ) -> [Column.Storage?] {
    nest(kinds[...], count: count, [], fill).storages
  }

  /// One array per level of nesting: an array's memory can only be handed out inside its
  /// initialiser's closure, so the next array is made inside it, and `fill` innermost.
  private static func nest(
    _ kinds: ArraySlice<FinalKind>, count: Int, _ addresses: [UnsafeMutableRawPointer],
    _ fill: ([UnsafeMutableRawPointer]) -> [Int?]
  ) -> (counts: [Int?], storages: [Column.Storage?]) {
    guard let kind = kinds.first else { return (fill(addresses), []) }
    let level = addresses.count
    var inner: (counts: [Int?], storages: [Column.Storage?]) = ([], [])
    func array<T: BitwiseCopyable>(of: T.Type) -> [T] {
      [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let base = UnsafeMutableRawPointer(buffer.baseAddress!)
        adviseHugePages(base, byteCount: count * MemoryLayout<T>.stride)
        inner = nest(kinds.dropFirst(), count: count, addresses + [base], fill)
        initialized = inner.counts[level] ?? 0
      }
    }
    let storage: Column.Storage
    switch kind {
    case .int32: storage = .int32(array(of: Int32.self))
    case .float32: storage = .float32(array(of: Float.self))
    }
    return (inner.counts, [inner.counts[level] == nil ? nil : storage] + inner.storages)
  }

  /// Closes the gaps between the chunks' spans of column `c`, read in place at `base`
  /// with chunk `i` starting at value `starts[i]`; returns the number of values, or nil
  /// when some chunk's values left its span.
  static func settle(_ parts: [Chunk], column c: Int, base: UnsafeMutableRawPointer, starts: [Int]) -> Int? {
    guard parts.indices.allSatisfy({ parts[$0].columns[c].stays(in: base + starts[$0] * FinalKind.stride) }) else {
      return nil
    }
    var filled = 0
    for (i, part) in parts.enumerated() {
      let span = base + starts[i] * FinalKind.stride
      let builder = part.columns[c]
      if filled != starts[i] {
        (base + filled * FinalKind.stride).copyMemory(from: span, byteCount: builder.count * FinalKind.stride)
      }
      filled += builder.count
    }
    return filled
  }
}
