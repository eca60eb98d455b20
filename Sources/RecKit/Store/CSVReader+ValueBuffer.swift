extension CSVReader {
  /// A growable run of plain values in memory the reader manages itself.
  ///
  /// Appending to an `Array` costs a uniqueness check (a call) per value; appending here
  /// is a capacity compare, a store and an increment, which matters at a hundred million
  /// values. The buffer is a plain value holding a pointer: its one owner, a
  /// `ColumnBuilder` inside a `Chunk`, frees it exactly once with `release()`.
  struct ValueBuffer<Element: BitwiseCopyable> {
    private var start: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    /// The values appended so far; valid until the next change.
    var values: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: start, count: count) }

    @inline(__always)
    mutating func append(_ value: Element) {
      if count == capacity { grow(to: max(64, capacity + capacity / 2)) }
      start.unsafelyUnwrapped[count] = value
      count += 1
    }

    mutating func append(repeating value: Element, count n: Int) {
      reserve(count + n)
      (start.unsafelyUnwrapped + count).initialize(repeating: value, count: n)
      count += n
    }

    /// Makes room for `n` values in all without growing again.
    mutating func reserve(_ n: Int) {
      if n > capacity { grow(to: n) }
    }

    /// Frees the memory; the buffer is then empty, and can be appended to again.
    mutating func release() {
      start?.deallocate()
      start = nil
      count = 0
      capacity = 0
    }

    private mutating func grow(to n: Int) {
      let grown = UnsafeMutablePointer<Element>.allocate(capacity: n)
      if let start {
        grown.initialize(from: start, count: count)
        start.deallocate()
      }
      start = grown
      capacity = n
    }
  }
}
