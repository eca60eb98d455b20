import CKernels

/// The product of a layer's inputs and weights, which training and scoring share so that a
/// trained network scores a row with the very sums its training computed.
extension MultilayerPerceptron {
  /// o[r, j] = Σ_k a[r, k] · w[k, j] over `rows` rows of `fanIn` inputs and a `fanIn × fanOut`
  /// row-major w, the terms added in the order of k and those of a zero input left out
  /// (`rec_layer_product`).
  static func product(
    _ a: UnsafePointer<Double>, _ w: UnsafePointer<Double>, rows: Int, fanIn: Int, fanOut: Int,
    into o: UnsafeMutablePointer<Double>
  ) {
    rec_layer_product(a, w, rows, fanIn, fanOut, o)
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
}
