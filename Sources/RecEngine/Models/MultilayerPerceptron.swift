import RealModule

/// A feed-forward network for P(y = 1 | z) over standardised inputs z: ReLU hidden layers and
/// one sigmoid output unit.
///
/// All weights and biases live in one array, layer by layer, so that Adam's moments and the
/// gradient are arrays of the same shape: layer l's weights are a `sizes[l] × sizes[l + 1]`
/// row-major block (input k to unit j at `k · sizes[l + 1] + j`, scikit-learn's `coefs_[l]`),
/// then its `sizes[l + 1]` biases (`intercepts_[l]`).
package struct MultilayerPerceptron: Sendable {
  /// Units per layer: the inputs, each hidden layer, then 1.
  package let sizes: [Int]
  package var parameters: [Double]
  /// Where layer l's weights begin in `parameters`; its biases follow them.
  let offsets: [Int]

  /// Glorot-uniform initial weights and biases, each drawn uniform in ±√(6 / (fan in + fan out)),
  /// weights first, then biases, layer by layer (the order of `parameters`).
  package init(inputs: Int, hidden: [Int], random: inout SeededRandom) {
    sizes = [inputs] + hidden + [1]
    var offsets: [Int] = []
    var parameters: [Double] = []
    for l in 0..<(sizes.count - 1) {
      offsets.append(parameters.count)
      let (fanIn, fanOut) = (sizes[l], sizes[l + 1])
      let bound = (6 / Double(fanIn + fanOut)).squareRoot()
      for _ in 0..<(fanIn * fanOut + fanOut) { parameters.append(bound * (2 * random.uniform() - 1)) }
    }
    self.offsets = offsets
    self.parameters = parameters
  }

  var layerCount: Int { sizes.count - 1 }

  /// The weight of input `row` to unit `column` of layer `layer`, or that unit's bias when `row`
  /// is nil.
  package func parameter(layer: Int, row: Int?, column: Int) -> Double {
    let width = sizes[layer + 1]
    return parameters[offsets[layer] + (row ?? sizes[layer]) * width + column]
  }

  /// The output's logit for standardised inputs `z` (`sizes[0]` of them).
  /// - Complexity: O(parameters).
  package func logit(_ z: [Double]) -> Double { logits(z, rows: 1).first ?? .nan }

  /// 1 / (1 + e^−η), as scikit-learn's `expit` computes it, so that trained weights agree with
  /// its `MLPClassifier` to the last bits; e^−η overflowing to infinity gives 0, as it should.
  @inline(__always)
  static func sigmoid(_ eta: Double) -> Double { 1 / (1 + Double.exp(-eta)) }
}
