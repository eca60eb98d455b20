/// The numeric feature vector of a (request, action) pair for the linear policies:
/// a constant 1, then each `features` part in order.
///
/// Parts read the request's row (a numeric column, a one-hot text column), the member behind
/// the row (`member.taste`), or the action (`artwork.tags`, one-hot over the tag dictionary).
package struct LinearFeatures: Sendable {
  /// One part of the vector.
  enum Part: Sendable {
    /// A numeric column of the request rows.
    case rowNumber([Double])
    /// A text column of the request rows, one-hot over its dictionary of `width` values.
    case rowOneHot(codes: [Int32], width: Int)
    /// A vector per member id (`values[id * width ..< (id + 1) * width]`), with each row's member id.
    case memberVector(values: [Double], width: Int, members: [Int32])
    /// One-hot codes per action id (`codes[offsets[id] ..< offsets[id + 1]]`).
    case actionOneHot(offsets: [Int32], codes: [Int32], width: Int)
  }

  let parts: [Part]
  /// The vector's length, the constant included.
  let dimension: Int
  /// Whether the vector depends on the action, not on the request alone.
  let readsAction: Bool

  init(parts: [Part]) {
    self.parts = parts
    readsAction = parts.contains {
      if case .actionOneHot = $0 { true } else { false }
    }
    dimension = 1 + parts.reduce(0) { total, part in
      switch part {
      case .rowNumber: total + 1
      case .rowOneHot(_, let w), .memberVector(_, let w, _), .actionOneHot(_, _, let w): total + w
      }
    }
  }

  /// Writes the vector of `row` and `action` into `x` (of `dimension` elements; any further
  /// elements are left alone).
  @inline(__always)
  func fill(_ x: UnsafeMutablePointer<Double>, row: Int, action: Int) {
    x.update(repeating: 0, count: dimension)
    x[0] = 1
    var at = 1
    for part in parts {
      switch part {
      case .rowNumber(let values):
        let v = values[row]
        x[at] = v.isNaN ? 0 : v
        at += 1
      case .rowOneHot(let codes, let width):
        let c = Int(codes[row])
        if c >= 0 && c < width { x[at + c] = 1 }
        at += width
      case .memberVector(let values, let width, let members):
        let m = Int(members[row])
        if m >= 0 && (m + 1) * width <= values.count {
          for j in 0..<width { x[at + j] = values[m * width + j] }
        }
        at += width
      case .actionOneHot(let offsets, let codes, let width):
        if action >= 0 && action + 1 < offsets.count {
          for k in Int(offsets[action])..<Int(offsets[action + 1]) where codes[k] >= 0 && Int(codes[k]) < width {
            x[at + Int(codes[k])] = 1
          }
        }
        at += width
      }
    }
  }

  /// Starts bringing in what the vector of `row` reads at the row: the first of two steps for a
  /// row some requests ahead.
  func prefetch(row: Int) {
    for part in parts {
      switch part {
      case .rowNumber(let values): values.withUnsafeBufferPointer { prefetchRead($0, row, 1) }
      case .rowOneHot(let codes, _): codes.withUnsafeBufferPointer { prefetchRead($0, row, 1) }
      case .memberVector(_, _, let members): members.withUnsafeBufferPointer { prefetchRead($0, row, 1) }
      case .actionOneHot: break
      }
    }
  }

  /// Starts bringing in the member vectors of `row`, whose member ids `prefetch(row:)` asked for.
  func prefetchVectors(row: Int) {
    for case .memberVector(let values, let width, let members) in parts where row < members.count {
      values.withUnsafeBufferPointer { prefetchRead($0, Int(members[row]) * width, width) }
    }
  }
}
