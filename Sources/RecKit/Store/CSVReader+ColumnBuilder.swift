extension CSVReader {
  /// Why a field could not be appended.
  enum FieldFailure: Error {
    /// The value does not fit the column's fixed kind.
    case expected(FieldKind)
    case invalidUTF8
  }

  /// Collects one column's values for one chunk of the file, in the narrowest storage
  /// that fits so far: 32-bit integers and floats until a value needs 64 bits.
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
    private(set) var ints32: [Int32] = []
    private(set) var ints64: [Int] = []
    private(set) var wideInts = false
    private(set) var floats32: [Float] = []
    private(set) var floats64: [Double] = []
    private(set) var wideFloats = false
    private(set) var bools: [Int8] = []
    private(set) var codes: [Int32] = []
    private(set) var offsets: [Int32] = [0]
    private(set) var interner = Interner()

    /// A builder expecting about `reserve` values.
    init(spec: ColumnSpec, reserve: Int) {
      self.spec = spec
      self.reserve = reserve
      switch spec {
      case .infer: kind = .unknown
      case .fixed(let k): kind = k
      case .token: kind = .int
      case .list: kind = .list
      }
      prepare(kind, missing: 0)
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
        if let v = CSVReader.parseInt(p, n) { return appendInt(v) }
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
        ints64.reserveCapacity(reserve)
        ints64 = ints32.map { $0 == Int32.min ? Int.min : Int($0) }
        ints32 = []
        wideInts = true
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
        floats64.reserveCapacity(reserve)
        floats64.append(contentsOf: floats32.lazy.map(Double.init))
        floats32 = []
        wideFloats = true
        floats64.append(v)
      }
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
        floats64 =
          wideInts
          ? ints64.map { $0 == Int.min ? .nan : Double($0) } : ints32.map { $0 == Int32.min ? .nan : Double($0) }
        wideFloats = true
        wideInts = false
        ints32 = []
        ints64 = []
        if floats64.allSatisfy({ $0.isNaN || Double(Float($0)) == $0 }) {
          floats32 = floats64.map(Float.init)
          floats64 = []
          wideFloats = false
        }
      case (.date, .time):
        let days = wideInts ? ints64 : ints32.map { $0 == Int32.min ? Int.min : Int($0) }
        ints32 = []
        ints64 = []
        wideInts = false
        for d in days {
          if d == Int.min { appendMissing() } else { appendInt(d * 86400) }
        }
      default:
        lost = present > 0
        ints32 = []
        ints64 = []
        floats32 = []
        floats64 = []
        bools = []
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
        ints32.reserveCapacity(reserve)
        ints32.append(contentsOf: repeatElement(Int32.min, count: missing))
      case .float:
        floats32.reserveCapacity(reserve)
        floats32.append(contentsOf: repeatElement(.nan, count: missing))
      case .bool:
        bools.reserveCapacity(reserve)
        bools.append(contentsOf: repeatElement(-1, count: missing))
      case .string:
        codes.reserveCapacity(reserve)
        codes.append(contentsOf: repeatElement(-1, count: missing))
      case .list:
        offsets.reserveCapacity(reserve + 1)
      case .unknown:
        break
      }
    }
  }
}

extension CSVReader.ColumnBuilder {
  /// Concatenates the chunks' builders of one column (all of one kind) into a column,
  /// moving the first chunk's arrays rather than copying them.
  /// `unixTime` makes an integer column a time column (seconds).
  static func merge(_ parts: inout [Self], unixTime: Bool) -> Column {
    let total = parts.reduce(0) { $0 + $1.count }
    switch parts[0].kind {
    case .int, .date, .time:
      let type: ColumnType = parts[0].kind == .date ? .date : parts[0].kind == .time || unixTime ? .time : .int
      if parts.contains(where: \.wideInts) {
        var all: [Int] = []
        all.reserveCapacity(total)
        for part in parts {
          if part.wideInts { all += part.ints64 } else { all += part.ints32.lazy.map { $0 == Int32.min ? Int.min : Int($0) } }
        }
        return Column(type: type, storage: .int64(all))
      }
      var all: [Int32] = []
      swap(&all, &parts[0].ints32)
      for part in parts.dropFirst() { all += part.ints32 }
      return Column(type: type, storage: .int32(all))
    case .float:
      if parts.contains(where: \.wideFloats) {
        var all: [Double] = []
        all.reserveCapacity(total)
        for part in parts { if part.wideFloats { all += part.floats64 } else { all += part.floats32.lazy.map(Double.init) } }
        return Column(type: .float, storage: .float64(all))
      }
      var all: [Float] = []
      swap(&all, &parts[0].floats32)
      for part in parts.dropFirst() { all += part.floats32 }
      return Column(type: .float, storage: .float32(all))
    case .bool:
      var all: [Int8] = []
      swap(&all, &parts[0].bools)
      for part in parts.dropFirst() { all += part.bools }
      return Column(type: .bool, storage: .bool(all))
    case .string:
      var dict = StringDictionary(parts[0].interner.strings)
      var all: [Int32] = []
      swap(&all, &parts[0].codes)
      for part in parts.dropFirst() {
        let remap = part.interner.strings.map { dict.intern($0) }
        all += part.codes.lazy.map { $0 < 0 ? -1 : remap[Int($0)] }
      }
      return Column(type: .string, storage: .string(all, dict))
    case .list:
      var dict = StringDictionary(parts[0].interner.strings)
      var codes: [Int32] = []
      var offsets: [Int32] = []
      swap(&codes, &parts[0].codes)
      swap(&offsets, &parts[0].offsets)
      for part in parts.dropFirst() {
        let remap = part.interner.strings.map { dict.intern($0) }
        let shift = Int32(codes.count)
        offsets += part.offsets.dropFirst().lazy.map { $0 + shift }
        codes += part.codes.lazy.map { remap[Int($0)] }
      }
      return Column(type: .list, storage: .list(offsets: offsets, codes: codes, dict))
    case .unknown:
      return Column(type: .string, storage: .string([Int32](repeating: -1, count: total), StringDictionary()))
    }
  }
}
