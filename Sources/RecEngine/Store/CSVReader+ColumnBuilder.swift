extension CSVReader {
  /// Why a field could not be appended.
  enum FieldFailure: Error {
    /// The value does not fit the column's fixed kind.
    case expected(FieldKind)
    case invalidUTF8
    /// The least 64-bit integer, which marks a missing integer and so cannot be a value.
    case reservedInteger
  }

  /// Collects one column's values for one chunk of the file, in the narrowest storage
  /// that fits so far: 32-bit integers and floats until a value needs 64 bits.
  ///
  /// The values live in `ValueBuffer`s, which the builder's `Chunk` frees.
  ///
  /// An inferred column widens as values arrive (int to float, date to time, to string).
  /// Widening to string loses the earlier values' text; `lost` then asks the reader to
  /// parse the chunk again with the final kind fixed.
  struct ColumnBuilder {
    let spec: ColumnSpec
    private(set) var kind: FieldKind
    /// Earlier values were dropped on widening to string.
    private(set) var lost = false
    private(set) var count = 0
    private var present = 0
    private var reserve: Int
    private(set) var ints32 = ValueBuffer<Int32>()
    private(set) var ints64 = ValueBuffer<Int>()
    private(set) var wideInts = false
    private(set) var floats32 = ValueBuffer<Float>()
    private(set) var floats64 = ValueBuffer<Double>()
    private(set) var wideFloats = false
    private(set) var bools = ValueBuffer<Int8>()
    private(set) var codes = ValueBuffer<Int32>()
    /// The list of value `i` is `codes[offsets[i]..<offsets[i + 1]]`.
    private(set) var offsets = ValueBuffer<Int32>()
    private(set) var interner = Interner()

    /// A builder expecting about `reserve` values; with a `span`, a column of a fixed
    /// 4-byte kind (`FinalKind`) writing its first `reserve` values straight there.
    init(spec: ColumnSpec, reserve: Int, span: UnsafeMutableRawPointer? = nil) {
      self.spec = spec
      self.reserve = reserve
      switch spec {
      case .infer: kind = .unknown
      case .fixed(let k): kind = k
      case .token: kind = .int
      case .list: kind = .list
      }
      guard let span else {
        prepare(kind, missing: 0)
        return
      }
      switch FinalKind(spec) {
      case .int32: ints32 = ValueBuffer(borrowing: span.assumingMemoryBound(to: Int32.self), capacity: reserve)
      case .float32: floats32 = ValueBuffer(borrowing: span.assumingMemoryBound(to: Float.self), capacity: reserve)
      case nil: preconditionFailure("a span for a column without a final kind")
      }
    }

    /// Whether all `count` values still sit in the borrowed `span` they started in.
    func stays(in span: UnsafeMutableRawPointer) -> Bool {
      switch FinalKind(spec) {
      case .int32: !wideInts && ints32.isIn(span.assumingMemoryBound(to: Int32.self))
      case .float32: !wideFloats && floats32.isIn(span.assumingMemoryBound(to: Float.self))
      case nil: false
      }
    }

    /// Appends the field `p[0..<n]`; an empty field is a missing value.
    @inline(__always)
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) throws(FieldFailure) {
      count += 1
      if n == 0 {
        appendMissing()
        return
      }
      present += 1
      switch kind {
      case .int:
        if let v = CSVReader.parseInt(p, n) {
          guard v != Int.min else { throw .reservedInteger }
          return appendInt(v)
        }
      case .float:
        if let v = CSVReader.parseDouble(p, n) { return appendFloat(v) }
      case .time:
        if let v = CSVReader.parseTime(p, n, allowingDate: true) { return appendInt(v) }
      case .date:
        if let v = CSVReader.parseDate(p, n) { return appendInt(v) }
      case .bool:
        if let v = CSVReader.parseBool(p, n) { return bools.append(v ? 1 : 0) }
      case .string:
        guard let code = interner.intern(p, n) else { throw .invalidUTF8 }
        return codes.append(code)
      case .list:
        return try appendList(p, n)
      case .unknown:
        break
      }
      count -= 1
      present -= 1
      try widen(for: p, n)
      try append(p, n)
    }

    /// Appends the field at `pos` when the column holds integers or decimals and the field
    /// is a plain number, leaving `pos` on the field's terminator; false, with nothing
    /// consumed, when the general `append` must handle it.
    @inline(__always)
    mutating func appendNumber(
      _ p: UnsafePointer<UInt8>, _ pos: inout Int, _ end: Int, _ delimiter: UInt8
    ) -> Bool {
      switch kind {
      case .int:
        guard let v = CSVReader.scanInt(p, &pos, end, delimiter) else { return false }
        appendInt(v)
      case .float:
        guard let v = CSVReader.scanDecimal(p, &pos, end, delimiter) else { return false }
        appendFloat(v)
      default:
        return false
      }
      count += 1
      present += 1
      return true
    }

    /// Where this column's next values go when it holds numbers (see
    /// `CSVReader+NumericRows.swift`), and room for how many; nil for other columns.
    func numericTarget() -> (CSVReader.NumericTarget, room: Int)? {
      let free: (UnsafeMutableRawPointer, room: Int)?
      let storage: CSVReader.NumericTarget.Storage
      switch kind {
      case .int: (free, storage) = wideInts ? (ints64.free, .int64) : (ints32.free, .int32)
      case .float: (free, storage) = wideFloats ? (floats64.free, .float64) : (floats32.free, .float32)
      default: return nil
      }
      return free.map { (CSVReader.NumericTarget(values: $0.0, storage: storage), $0.room) }
    }

    /// Counts `n` present values stored at `numericTarget()`.
    mutating func tookNumbers(_ n: Int) {
      switch (kind, wideInts, wideFloats) {
      case (.int, false, _): ints32.wrote(n)
      case (.int, true, _): ints64.wrote(n)
      case (.float, _, false): floats32.wrote(n)
      default: floats64.wrote(n)
      }
      count += n
      present += n
    }

    /// Frees the values; called once by the owning `Chunk`.
    mutating func release() {
      ints32.release()
      ints64.release()
      floats32.release()
      floats64.release()
      bools.release()
      codes.release()
      offsets.release()
    }

    @inline(__always)
    private mutating func appendMissing() {
      switch kind {
      case .int, .date, .time:
        if wideInts { ints64.append(Int.min) } else { ints32.append(Int32.min) }
      case .float:
        if wideFloats { floats64.append(.nan) } else { floats32.append(.nan) }
      case .bool: bools.append(-1)
      case .string: codes.append(-1)
      case .list: offsets.append(Int32(codes.count))
      case .unknown: break
      }
    }

    @inline(__always)
    private mutating func appendInt(_ v: Int) {
      if wideInts {
        ints64.append(v)
      } else if v > Int(Int32.min) && v <= Int(Int32.max) {
        ints32.append(Int32(truncatingIfNeeded: v))
      } else {
        moveToWideInts()
        ints64.append(v)
      }
    }

    @inline(__always)
    private mutating func appendFloat(_ v: Double) {
      if wideFloats {
        floats64.append(v)
      } else if Double(Float(v)) == v {
        floats32.append(Float(v))
      } else {
        floats64.reserve(reserve)
        for f in floats32.values { floats64.append(Double(f)) }
        floats32.release()
        wideFloats = true
        floats64.append(v)
      }
    }

    /// Moves the 32-bit integers kept so far to 64-bit storage.
    private mutating func moveToWideInts() {
      ints64.reserve(reserve)
      for v in ints32.values { ints64.append(v == Int32.min ? Int.min : Int(v)) }
      ints32.release()
      wideInts = true
    }

    private mutating func appendList(_ p: UnsafePointer<UInt8>, _ n: Int) throws(FieldFailure) {
      guard case .list(let separator) = spec else { preconditionFailure("list kind without a list spec") }
      var start = 0
      for i in 0...n where i == n || p[i] == separator {
        if i > start {
          guard let code = interner.intern(p + start, i - start) else { throw .invalidUTF8 }
          codes.append(code)
        }
        start = i + 1
      }
      offsets.append(Int32(codes.count))
    }

    /// Moves to a kind that also holds `p[0..<n]`, converting the values kept so far.
    private mutating func widen(for p: UnsafePointer<UInt8>, _ n: Int) throws(FieldFailure) {
      let target: FieldKind
      switch spec {
      case .fixed, .list: throw .expected(kind)
      case .token: target = .string
      case .infer: target = kind.join(CSVReader.classify(p, n))
      }
      let missing = count - present
      switch (kind, target) {
      case (.unknown, _):
        prepare(target, missing: missing)
      case (.int, .float):
        if !wideInts { moveToWideInts() }
        let ints = ints64.values
        let narrow = ints.allSatisfy { $0 == Int.min || Double(Float(Double($0))) == Double($0) }
        wideFloats = !narrow
        if narrow {
          floats32.reserve(reserve)
          for v in ints { floats32.append(v == Int.min ? .nan : Float(Double(v))) }
        } else {
          floats64.reserve(reserve)
          for v in ints { floats64.append(v == Int.min ? .nan : Double(v)) }
        }
        ints64.release()
        wideInts = false
      case (.date, .time):
        if !wideInts { moveToWideInts() }
        var days = ints64
        ints64 = ValueBuffer()
        wideInts = false
        ints32.reserve(reserve)
        for d in days.values {
          if d == Int.min { appendMissing() } else { appendInt(d * 86400) }
        }
        days.release()
      default:
        lost = present > 0
        release()
        wideInts = false
        wideFloats = false
        prepare(.string, missing: count)
      }
      kind = target
    }

    /// Sets up storage for `kind` holding `missing` missing values.
    private mutating func prepare(_ kind: FieldKind, missing: Int) {
      self.kind = kind
      switch kind {
      case .int, .date, .time:
        ints32.reserve(reserve)
        ints32.append(repeating: Int32.min, count: missing)
      case .float:
        floats32.reserve(reserve)
        floats32.append(repeating: .nan, count: missing)
      case .bool:
        bools.reserve(reserve)
        bools.append(repeating: -1, count: missing)
      case .string:
        codes.reserve(reserve)
        codes.append(repeating: -1, count: missing)
      case .list:
        offsets.reserve(reserve + 1)
        offsets.append(0)
      case .unknown:
        break
      }
    }
  }
}

extension CSVReader.ColumnBuilder {
  /// Joins column `c` of every chunk (all of one kind by now) into a column, freeing each
  /// chunk's values of it as they are copied.
  /// `unixTime` makes an integer column a time column (seconds).
  static func merge(_ chunks: [CSVReader.Chunk], column c: Int, unixTime: Bool) -> Column {
    let first = chunks[0].columns[c]
    switch first.kind {
    case .int, .date, .time:
      let type: ColumnType = first.kind == .date ? .date : first.kind == .time || unixTime ? .time : .int
      if chunks.contains(where: { $0.columns[c].wideInts }) {
        return Column(type: type, storage: .int64(joined(chunks, c) { b, out in
          if b.wideInts { out.append(contentsOf: b.ints64.values) } else {
            out.append(contentsOf: b.ints32.values.lazy.map { $0 == Int32.min ? Int.min : Int($0) })
          }
        }))
      }
      return Column(type: type, storage: .int32(concatenate(chunks, c, \.ints32)))
    case .float:
      if chunks.contains(where: { $0.columns[c].wideFloats }) {
        return Column(type: .float, storage: .float64(joined(chunks, c) { b, out in
          if b.wideFloats { out.append(contentsOf: b.floats64.values) } else {
            out.append(contentsOf: b.floats32.values.lazy.map(Double.init))
          }
        }))
      }
      return Column(type: .float, storage: .float32(concatenate(chunks, c, \.floats32)))
    case .bool:
      return Column(type: .bool, storage: .bool(concatenate(chunks, c, \.bools)))
    case .string:
      var dict = StringDictionary(first.interner.strings)
      let codes: [Int32] = joined(chunks, c) { b, out in
        let remap = b.interner.strings.map { dict.intern($0) }
        out.append(contentsOf: b.codes.values.lazy.map { $0 < 0 ? -1 : remap[Int($0)] })
      }
      return Column(type: .string, storage: .string(codes, dict))
    case .list:
      var dict = StringDictionary(first.interner.strings)
      var offsets: [Int32] = [0]
      let codes: [Int32] = joined(chunks, c) { b, out in
        let remap = b.interner.strings.map { dict.intern($0) }
        let shift = Int32(out.count)
        offsets += b.offsets.values.dropFirst().lazy.map { $0 + shift }
        out.append(contentsOf: b.codes.values.lazy.map { remap[Int($0)] })
      }
      return Column(type: .list, storage: .list(offsets: offsets, codes: codes, dict))
    case .unknown:
      let total = chunks.reduce(0) { $0 + $1.columns[c].count }
      return Column(type: .string, storage: .string([Int32](repeating: -1, count: total), StringDictionary()))
    }
  }

  /// Column `c` of every chunk, in order, through `add`, which appends one chunk's values.
  private static func joined<T>(
    _ chunks: [CSVReader.Chunk], _ c: Int, _ add: (CSVReader.ColumnBuilder, inout [T]) -> Void
  ) -> [T] {
    var all: [T] = []
    all.reserveCapacity(chunks.reduce(0) { $0 + $1.columns[c].count })
    for chunk in chunks { add(chunk.columns[c], &all) }
    return all
  }

  /// The buffers at `key` of column `c` of every chunk, concatenated; the chunks are
  /// copied in parallel, each freed once copied so that the values are not held twice.
  private static func concatenate<T>(
    _ chunks: [CSVReader.Chunk], _ c: Int, _ key: WritableKeyPath<Self, CSVReader.ValueBuffer<T>>
  ) -> [T] {
    var starts = [0]
    for chunk in chunks { starts.append(starts.last! + chunk.columns[c][keyPath: key].count) }
    return [T](unsafeUninitializedCapacity: starts.last!) { all, initialized in
      // Each iteration reads and frees only its own chunk's buffer, and writes only its own span.
      let target = UncheckedSendable(all)
      _ = parallelMap(chunks.count) { i in
        let span = UnsafeMutableBufferPointer(rebasing: target.value[starts[i]..<starts[i + 1]])
        _ = span.initialize(fromContentsOf: chunks[i].columns[c][keyPath: key].values)
        chunks[i].columns[c][keyPath: key].release()
      }
      initialized = starts.last!
    }
  }
}
