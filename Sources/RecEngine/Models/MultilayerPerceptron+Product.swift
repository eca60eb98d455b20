/// The product of a layer's inputs and weights, which training and scoring share so that a
/// trained network scores a row with the very sums its training computed.
extension MultilayerPerceptron {
  /// The lanes of one block of units: the sums of a block are kept in registers.
  typealias Lanes = SIMD8<Double>

  /// o[r, j] = Σ_k a[r, k] · w[k, j] over `rows` rows of `fanIn` inputs and a `fanIn × fanOut`
  /// row-major w, the terms added in the order of k and those of a zero input left out, eight
  /// units at a time.
  static func product(
    _ a: UnsafePointer<Double>, _ w: UnsafePointer<Double>, rows: Int, fanIn: Int, fanOut: Int,
    into o: UnsafeMutablePointer<Double>
  ) {
    let blocks = fanOut / Lanes.scalarCount * Lanes.scalarCount
    for r in 0..<rows {
      let (ar, or) = (a + r * fanIn, o + r * fanOut)
      for j in stride(from: 0, to: blocks, by: Lanes.scalarCount) {
        var sum = Lanes(repeating: 0)
        for k in 0..<fanIn where ar[k] != 0 { sum += Lanes(repeating: ar[k]) * load(w + k * fanOut + j) }
        store(sum, or + j)
      }
      for j in blocks..<fanOut {
        var sum = 0.0
        for k in 0..<fanIn where ar[k] != 0 { sum += ar[k] * w[k * fanOut + j] }
        or[j] = sum
      }
    }
  }

  /// The output's logit for each of `rows` rows of standardised inputs (`sizes[0]` each) laid one
  /// after the other in `z`: Σ a·w first, then the bias, then ReLU on a hidden layer, as the
  /// trainer (and scikit-learn) compute them.
  /// - Complexity: O(rows · parameters).
  package func logits(_ z: [Double], rows: Int) -> [Double] {
    var activations = z
    for l in 0..<layerCount {
      let (fanIn, fanOut) = (sizes[l], sizes[l + 1])
      var out = [Double](repeating: 0, count: rows * fanOut)
      activations.withUnsafeBufferPointer { a in
        parameters.withUnsafeBufferPointer { p in
          out.withUnsafeMutableBufferPointer { o in
            guard let a = a.baseAddress, let p = p.baseAddress, let o = o.baseAddress else { return }
            Self.product(a, p + offsets[l], rows: rows, fanIn: fanIn, fanOut: fanOut, into: o)
            let bias = p + offsets[l] + fanIn * fanOut
            for r in 0..<rows {
              for j in 0..<fanOut {
                let z = o[r * fanOut + j] + bias[j]
                o[r * fanOut + j] = l < layerCount - 1 ? max(z, 0) : z
              }
            }
          }
        }
      }
      activations = out
    }
    return activations
  }

  @inline(__always)
  static func load(_ p: UnsafePointer<Double>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

  @inline(__always)
  static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
  }
}
