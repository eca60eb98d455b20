extension CSVReader {
  /// A growable run of plain values in memory the reader manages itself.
  ///
  /// Appending to an `Array` costs a uniqueness check (a call) per value; appending here
  /// is a capacity compare, a store and an increment, which matters at a hundred million
  /// values. The buffer is a plain value holding a pointer: its one owner, a
  /// `ColumnBuilder` inside a `Chunk`, frees it exactly once with `release()`.
  ///
  /// A buffer may start in borrowed memory: a chunk's span of the column's final array
  /// (see `CSVReader+InPlace.swift`). It never frees that memory; should the span prove
  /// too small, the buffer moves to memory of its own and stays there.
  struct ValueBuffer<Element: BitwiseCopyable> {
    private var start: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0
    /// Whether `start` is memory this buffer allocated (and so frees).
    private var owned = true

    init() {}

    /// An empty buffer writing into `capacity` values at `span`, which it does not own.
    init(borrowing span: UnsafeMutablePointer<Element>, capacity: Int) {
      start = span
      self.capacity = capacity
      owned = false
    }

    /// The values appended so far; valid until the next change.
    var values: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: start, count: count) }

    /// The memory after the values, with room for `capacity - count` more; `wrote(_:)`
    /// then counts those a caller stored there.
    var free: (UnsafeMutableRawPointer, room: Int)? {
      start.map { (UnsafeMutableRawPointer($0 + count), capacity - count) }
    }

    /// Counts `n` values stored straight into `free`.
    mutating func wrote(_ n: Int) {
      precondition(n <= capacity - count, "wrote past the buffer's capacity")
      count += n
    }

    /// Whether the values still sit in the borrowed span at `span`.
    func isIn(_ span: UnsafeMutablePointer<Element>) -> Bool { !owned && start == span }

    @inline(__always)
    mutating func append(_ value: Element) {
      if count == capacity { grow(to: max(64, capacity + capacity / 2)) }
      start.unsafelyUnwrapped[count] = value
      count += 1
    }

    mutating func append(repeating value: Element, count n: Int) {
      guard n > 0 else { return }
      reserve(count + n)
      (start.unsafelyUnwrapped + count).initialize(repeating: value, count: n)
      count += n
    }

    /// Makes room for `n` values in all without growing again.
    mutating func reserve(_ n: Int) {
      if n > capacity { grow(to: n) }
    }

    /// Frees the memory (when owned); the buffer is then empty, and can be appended to again.
    mutating func release() {
      if owned { start?.deallocate() }
      start = nil
      count = 0
      capacity = 0
      owned = true
    }

    private mutating func grow(to n: Int) {
      let grown = UnsafeMutablePointer<Element>.allocate(capacity: n)
      if let start {
        grown.initialize(from: start, count: count)
        if owned { start.deallocate() }
      }
      start = grown
      capacity = n
      owned = true
    }
  }
}
