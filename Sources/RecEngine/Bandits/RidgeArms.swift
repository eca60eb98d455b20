/// Disjoint ridge regressions, one per action id: for each action, A = I + Σ x xᵀ and
/// b = Σ r x over the decisions it was shown in, kept as A⁻¹ (Sherman–Morrison updates) and b.
/// The shared state of `linucb` and `lin_thompson`.
///
/// With v = A⁻¹x, the prediction xᵀθ = vᵀb and the width is sqrt(vᵀx), so θ is never formed.
/// A decision reads the model of every candidate, and with thousands of actions the models live
/// in main memory, so the bytes per model are what a step costs. A⁻¹ is symmetric, so it keeps
/// only its upper triangle widened to whole 4-wide vectors: row i holds the columns from the
/// start of i's 4-wide block to the end (240 numbers instead of 400 for d = 20). The vectors
/// are padded with zeros to a multiple of 4, which leaves the regression unchanged. All models
/// live in two flat arrays; a step allocates nothing.
///
/// - Complexity: O(d²) per score and per update; O(d²) memory per action seen.
package struct RidgeArms {
  let features: LinearFeatures
  /// The padded dimension in 4-wide lanes.
  private let lanes: Int
  /// Where row i of a model starts, in lanes; the last entry is a model's size.
  private let rowStart: [Int]
  /// Action ids below this find their model through `modelOf`, larger ones through `modelOfLarge`.
  private static let directIDs = 1 << 20
  /// The model of each action id, -1 until the action is first seen.
  private var modelOf: [Int32] = []
  private var modelOfLarge: [Int: Int] = [:]
  private var models = 0
  /// Model s: A⁻¹'s rows at `s · rowStart.last!` of `inverse` (row i holds lanes i / 4 ..< lanes),
  /// b at `s · lanes` of `b`.
  private var inverse: [SIMD4<Double>] = []
  private var b: [SIMD4<Double>] = []
  /// The feature vector of (`xRow`, `xAction`), and v and vᵀx of the last solve.
  private var x: [SIMD4<Double>]
  private var xRow = -1
  private var xAction = -1
  private var v: [SIMD4<Double>]
  private var quad = 0.0
  /// A solve kept by `keep()` for the update that usually follows: its (row, action), x and v.
  private var kept: (row: Int, action: Int, quad: Double)?
  private var keptX: [SIMD4<Double>]
  private var keptV: [SIMD4<Double>]

  init(features: LinearFeatures) {
    self.features = features
    let lanes = (features.dimension + 3) / 4
    self.lanes = lanes
    var rowStart = [0]
    for i in 0..<lanes * 4 { rowStart.append(rowStart[i] + lanes - i / 4) }
    self.rowStart = rowStart
    x = [SIMD4<Double>](repeating: .zero, count: lanes)
    v = x
    keptX = x
    keptV = x
  }

  private mutating func model(_ action: Int) -> Int {
    if action >= 0 && action < Self.directIDs {
      if action >= modelOf.count { modelOf.append(contentsOf: repeatElement(-1, count: action + 1 - modelOf.count)) }
      if modelOf[action] < 0 { modelOf[action] = Int32(allocate()) }
      return Int(modelOf[action])
    }
    if let s = modelOfLarge[action] { return s }
    let s = allocate()
    modelOfLarge[action] = s
    return s
  }

  /// A new model with A⁻¹ = I and b = 0.
  private mutating func allocate() -> Int {
    let start = inverse.count
    inverse.append(contentsOf: repeatElement(.zero, count: rowStart[lanes * 4]))
    for i in 0..<lanes * 4 { inverse[start + rowStart[i]][i % 4] = 1 }
    b.append(contentsOf: repeatElement(.zero, count: lanes))
    models += 1
    return models - 1
  }

  /// Starts bringing in the features `row` reads at the row: the first step for a request some
  /// rows ahead.
  func prefetch(row: Int) { features.prefetch(row: row) }

  /// Starts bringing in the models of `actions` and the member vectors of `row`: a score reads
  /// a whole model, and with thousands of actions the models live in main memory.
  func prefetch(row: Int, actions: UnsafeBufferPointer<Int32>) {
    features.prefetchVectors(row: row)
    let size = rowStart[lanes * 4]
    modelOf.withUnsafeBufferPointer { modelOf in
      inverse.withUnsafeBufferPointer { inverse in
        b.withUnsafeBufferPointer { b in
          for action in actions where action >= 0 && Int(action) < modelOf.count && modelOf[Int(action)] >= 0 {
            let s = Int(modelOf[Int(action)])
            prefetchRead(inverse, s * size, size)
            prefetchRead(b, s * lanes, lanes)
          }
        }
      }
    }
  }

  /// Fills `x` for (`row`, `action`) unless it holds that vector already (features that do not
  /// read the action are the same for every action of a row).
  @inline(__always)
  private mutating func load(row: Int, action: Int) {
    if row == xRow && (action == xAction || !features.readsAction) { return }
    x.withUnsafeMutableBufferPointer { xb in
      xb.baseAddress!.withMemoryRebound(to: Double.self, capacity: lanes * 4) {
        features.fill($0, row: row, action: action)
      }
    }
    xRow = row
    xAction = action
  }

  /// Fills `x` for (`row`, `action`) and sets `v` = A⁻¹x and `quad` = vᵀx for the model at `s`.
  /// Row i adds x_i times its columns to v (A⁻¹ is symmetric, so they are also column i's
  /// entries), and its columns past i's block, times x, to v_i: every entry of A⁻¹ is counted
  /// once.
  ///
  /// The four rows of a block are taken together, so that each lane of v past the block is read
  /// and written once for all four and each of their entries is loaded once for both uses. Every
  /// element of v still receives its terms in the order of the rows, one row at a time: v's lanes
  /// past the block take the four rows' terms in turn, and the block's own lane takes each row's
  /// term followed by that row's sum over the columns past the block.
  private mutating func solve(_ s: Int, row: Int, action: Int) {
    load(row: row, action: action)
    let lanes = self.lanes
    quad = x.withUnsafeBufferPointer { xb in
      inverse.withUnsafeBufferPointer { inv in
        rowStart.withUnsafeBufferPointer { starts in
          v.withUnsafeMutableBufferPointer { vb in
            for k in 0..<lanes { vb[k] = .zero }
            let m = inv.baseAddress! + s * starts[lanes * 4]
            for block in 0..<lanes {
              // The block's rows, each indexed by lane from the block on; loops over the four
              // rows have a constant length, so they unroll and `dot` stays in registers.
              let r = InlineArray<4, UnsafePointer<SIMD4<Double>>> { row in m + starts[block * 4 + row] - block }
              let xs = xb[block]
              var dot = InlineArray<4, SIMD4<Double>>(repeating: .zero)
              for k in block + 1..<lanes {
                let xk = xb[k]
                var vk = vb[k]
                for row in 0..<4 {
                  let a = r[row][k]
                  dot[row] += a * xk
                  if xs[row] != 0 { vk += xs[row] * a }
                }
                vb[k] = vk
              }
              var own = vb[block]
              for row in 0..<4 {
                if xs[row] != 0 { own += xs[row] * r[row][block] }
                own[row] += dot[row].sum()
              }
              vb[block] = own
            }
            var quad = SIMD4<Double>.zero
            for k in 0..<lanes { quad += vb[k] * xb[k] }
            return quad.sum()
          }
        }
      }
    }
  }

  /// The predicted reward xᵀθ and the width sqrt(xᵀ A⁻¹ x) of `action` for the request in `row`.
  mutating func score(row: Int, action: Int) -> (mean: Double, width: Double) {
    let s = model(action)
    solve(s, row: row, action: action)
    var mean = SIMD4<Double>.zero
    for k in 0..<lanes { mean += v[k] * b[s * lanes + k] }
    return (mean.sum(), max(quad, 0).squareRoot())
  }

  /// Keeps the last `score`'s solve, so that an `update` of the same row and action (the chosen
  /// one) need not solve again.
  mutating func keep(row: Int, action: Int) {
    kept = (row, action, quad)
    for k in 0..<lanes {
      keptV[k] = v[k]
      keptX[k] = x[k]
    }
  }

  /// Adds the observation (`row`, `action`, `reward`) to the action's model:
  /// A⁻¹ −= v vᵀ / (1 + xᵀv) with v = A⁻¹x, and b += r x.
  mutating func update(row: Int, action: Int, reward: Double) {
    let s = model(action)
    if let k = kept, k.row == row && k.action == action {
      swap(&v, &keptV)
      swap(&x, &keptX)
      quad = k.quad
      xRow = row
      xAction = action
    } else {
      solve(s, row: row, action: action)
    }
    kept = nil
    let lanes = self.lanes
    let scale = 1 / (1 + quad)
    v.withUnsafeBufferPointer { vb in
      rowStart.withUnsafeBufferPointer { starts in
        inverse.withUnsafeMutableBufferPointer { inv in
          let m = inv.baseAddress! + s * starts[lanes * 4]
          for block in 0..<lanes {
            for lane in 0..<4 {
              let f = vb[block][lane] * scale
              if f == 0 { continue }
              let r = m + starts[block * 4 + lane] - block
              for k in block..<lanes { r[k] -= f * vb[k] }
            }
          }
        }
      }
    }
    for k in 0..<lanes { b[s * lanes + k] += reward * x[k] }
  }
}
