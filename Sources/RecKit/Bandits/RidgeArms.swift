/// Disjoint ridge regressions, one per action id: for each action, A = I + Σ x xᵀ and
/// b = Σ r x over the decisions it was shown in, kept as A⁻¹ (Sherman–Morrison updates) and
/// θ = A⁻¹ b. The shared state of `linucb` and `lin_thompson`.
///
/// - Complexity: O(d²) per score and per update; O(d²) memory per action seen.
struct RidgeArms {
  let features: LinearFeatures
  private var d: Int { features.dimension }
  /// Where each action's model starts in `inverse` (d² values) and `theta`, `b` (d values); -1 if unseen.
  private var slot: [Int: Int] = [:]
  private var inverse: [Double] = []
  private var theta: [Double] = []
  private var b: [Double] = []
  private var x: [Double]
  private var u: [Double]

  init(features: LinearFeatures) {
    self.features = features
    x = [Double](repeating: 0, count: features.dimension)
    u = [Double](repeating: 0, count: features.dimension)
  }

  private mutating func model(_ action: Int) -> Int {
    if let s = slot[action] { return s }
    let s = slot.count
    slot[action] = s
    let d = self.d
    inverse.append(contentsOf: repeatElement(0, count: d * d))
    for i in 0..<d { inverse[s * d * d + i * d + i] = 1 }
    theta.append(contentsOf: repeatElement(0, count: d))
    b.append(contentsOf: repeatElement(0, count: d))
    return s
  }

  /// The predicted reward xᵀθ and the width sqrt(xᵀ A⁻¹ x) of `action` for the request in `row`.
  mutating func score(row: Int, action: Int) -> (mean: Double, width: Double) {
    let s = model(action)
    let d = self.d
    return x.withUnsafeMutableBufferPointer { xb in
      features.fill(xb.baseAddress!, row: row, action: action)
      return inverse.withUnsafeBufferPointer { inv in
        theta.withUnsafeBufferPointer { th in
          let m = inv.baseAddress! + s * d * d
          let t = th.baseAddress! + s * d
          var mean = 0.0
          var quad = 0.0
          for i in 0..<d {
            let xi = xb[i]
            if xi == 0 { continue }
            mean += xi * t[i]
            var row = 0.0
            let mi = m + i * d
            for j in 0..<d { row += mi[j] * xb[j] }
            quad += xi * row
          }
          return (mean, max(quad, 0).squareRoot())
        }
      }
    }
  }

  /// Adds the observation (`row`, `action`, `reward`) to the action's model.
  mutating func update(row: Int, action: Int, reward: Double) {
    let s = model(action)
    let d = self.d
    x.withUnsafeMutableBufferPointer { xb in
      features.fill(xb.baseAddress!, row: row, action: action)
      u.withUnsafeMutableBufferPointer { ub in
        inverse.withUnsafeMutableBufferPointer { inv in
          let m = inv.baseAddress! + s * d * d
          // u = A⁻¹ x (A⁻¹ is symmetric), then A⁻¹ −= u uᵀ / (1 + xᵀ u).
          var denominator = 1.0
          for i in 0..<d {
            var sum = 0.0
            let mi = m + i * d
            for j in 0..<d { sum += mi[j] * xb[j] }
            ub[i] = sum
            denominator += xb[i] * sum
          }
          for i in 0..<d {
            let f = ub[i] / denominator
            if f == 0 { continue }
            let mi = m + i * d
            for j in 0..<d { mi[j] -= f * ub[j] }
          }
          b.withUnsafeMutableBufferPointer { bb in
            theta.withUnsafeMutableBufferPointer { th in
              let bv = bb.baseAddress! + s * d
              let t = th.baseAddress! + s * d
              for i in 0..<d { bv[i] += reward * xb[i] }
              for i in 0..<d {
                var sum = 0.0
                let mi = m + i * d
                for j in 0..<d { sum += mi[j] * bv[j] }
                t[i] = sum
              }
            }
          }
        }
      }
    }
  }
}
