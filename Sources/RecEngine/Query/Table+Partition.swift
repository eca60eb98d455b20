extension Table {
  /// The rows whose flag is false and the rows whose flag is true, each in table order, in one
  /// pass per column (columns in parallel). `flags` has one entry per row.
  /// - Complexity: O(count × columns).
  func partitioned(by flags: [Bool]) -> (unflagged: Table, flagged: Table) {
    precondition(flags.count == count, "one flag per row")
    let flagged = flags.reduce(0) { $0 + ($1 ? 1 : 0) }
    var halves = [(Column, Column)?](repeating: nil, count: columns.count)
    flags.withUnsafeBufferPointer { flags in
      halves.withUnsafeMutableBufferPointer { halves in
        let out = UncheckedSendable(halves)
        inParallel(columns.count) { c in
          out.value[c] = columns[c].partitioned(by: flags, flagged: flagged)
        }
      }
    }
    let pairs = halves.map { $0! }
    return (Table(zip(names, pairs).map { ($0, $1.0) }), Table(zip(names, pairs).map { ($0, $1.1) }))
  }
}

extension Column {
  /// The values whose flag is false, and those whose flag is true; `flagged` is the number of
  /// true flags. Dictionaries are shared.
  /// - Complexity: O(count).
  func partitioned(by flags: UnsafeBufferPointer<Bool>, flagged: Int) -> (Column, Column) {
    func split<T: BitwiseCopyable>(_ a: [T], _ make: ([T]) -> Storage) -> (Column, Column) {
      let (kept, picked) = Self.partition(a, by: flags, flagged: flagged)
      return (Column(type: type, storage: make(kept)), Column(type: type, storage: make(picked)))
    }
    switch storage {
    case .int32(let a): return split(a) { .int32($0) }
    case .int64(let a): return split(a) { .int64($0) }
    case .float32(let a): return split(a) { .float32($0) }
    case .float64(let a): return split(a) { .float64($0) }
    case .bool(let a): return split(a) { .bool($0) }
    case .string(let codes, let dict): return split(codes) { .string($0, dict) }
    case .list:
      let rows = (kept: flags.indices.filter { !flags[$0] }, picked: flags.indices.filter { flags[$0] })
      return (gather(rows.kept), gather(rows.picked))
    }
  }

  /// `a` split by `flags` without a branch per value: each value is written to both outputs,
  /// and only the output its flag names moves on (one slot of slack each).
  private static func partition<T: BitwiseCopyable>(
    _ a: [T], by flags: UnsafeBufferPointer<Bool>, flagged: Int
  ) -> (kept: [T], picked: [T]) {
    let keptCount = a.count - flagged
    var picked: [T] = []
    let kept = [T](unsafeUninitializedCapacity: keptCount + 1) { kept, keptInitialized in
      picked = [T](unsafeUninitializedCapacity: flagged + 1) { out, pickedInitialized in
        a.withUnsafeBufferPointer { a in
          var (k, p) = (0, 0)
          for i in a.indices {
            let v = a[i]
            (kept.baseAddress! + k).initialize(to: v)
            (out.baseAddress! + p).initialize(to: v)
            let f = flags[i] ? 1 : 0
            p &+= f
            k &+= 1 &- f
          }
        }
        pickedInitialized = flagged
      }
      keptInitialized = keptCount
    }
    return (kept, picked)
  }
}
