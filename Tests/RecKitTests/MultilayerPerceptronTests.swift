import Foundation
import Testing

@testable import RecEngine

/// The network's gradient against finite differences, Adam's steps against a hand computation,
/// the initialisation's bounds and the batch split's determinism.
@Suite struct MultilayerPerceptronTests {
  /// Six rows of three standardised inputs and their labels.
  static let inputs: [Double] = [
    0.3, -1.2, 0.8, 1.1, 0.4, -0.6, -0.9, 0.7, 1.5, 0.2, -0.3, -1.4, -1.6, 1.3, 0.1, 0.5, 0.9, -0.2,
  ]
  static let targets: [Double] = [1, 0, 1, 0, 0, 1]

  static func network(hidden: [Int]) -> MultilayerPerceptron {
    var random = SeededRandom(seed: 11)
    return MultilayerPerceptron(inputs: 3, hidden: hidden, random: &random)
  }

  static func loss(_ network: MultilayerPerceptron, l2: Double) -> (Double, [Double]) {
    var workers = [BatchWorker(sizes: network.sizes, rows: 6), BatchWorker(sizes: network.sizes, rows: 4)]
    var gradient = [Double](repeating: 0, count: network.parameters.count)
    let loss = network.batchGradient(
      inputs: inputs, targets: targets, rows: 6, l2: l2, workers: &workers, into: &gradient)
    return (loss, gradient)
  }

  /// Every partial derivative, one and two hidden layers, with the L2 term: central differences
  /// with step 1e-6 agree to 1e-7.
  @Test(arguments: [[4], [5, 3]]) func gradientMatchesFiniteDifferences(hidden: [Int]) {
    let network = Self.network(hidden: hidden)
    let (_, gradient) = Self.loss(network, l2: 0.3)
    let h = 1e-6
    for p in network.parameters.indices {
      var up = network
      var down = network
      up.parameters[p] += h
      down.parameters[p] -= h
      let numeric = (Self.loss(up, l2: 0.3).0 - Self.loss(down, l2: 0.3).0) / (2 * h)
      #expect(abs(numeric - gradient[p]) < 1e-7, "parameter \(p)")
    }
  }

  /// The loss is the mean log-loss plus l2 · ‖W‖² / (2n) over weights only.
  @Test func lossAddsThePenaltyOnWeightsOnly() {
    let network = Self.network(hidden: [4])
    let plain = Self.loss(network, l2: 0).0
    var squares = 0.0
    for l in 0..<network.layerCount {
      for k in 0..<network.sizes[l] {
        for j in 0..<network.sizes[l + 1] {
          let w = network.parameter(layer: l, row: k, column: j)
          squares += w * w
        }
      }
    }
    #expect(abs(Self.loss(network, l2: 0.5).0 - (plain + 0.5 * squares / 12)) < 1e-14)
    // The plain loss is the mean log-loss of the network's own probabilities.
    var expected = 0.0
    for r in 0..<6 {
      let p = MultilayerPerceptron.sigmoid(network.logit(Array(Self.inputs[(3 * r)..<(3 * r + 3)])))
      expected -= Self.targets[r] == 1 ? log(p) : log(1 - p)
    }
    #expect(abs(plain - expected / 6) < 1e-14)
  }

  /// Three steps of Adam (rate 0.01) on one parameter with gradients 0.5, −0.25, 2, against the
  /// same recursion run by hand in numpy (scikit-learn's `AdamOptimizer`).
  @Test func adamStepsMatchHandComputation() {
    var adam = Adam(count: 1, rate: 0.01)
    var theta = [1.0]
    let expected = [0.9900000063245513, 0.9873366374351793, 0.9806301619827096]
    for (g, value) in zip([0.5, -0.25, 2.0], expected) {
      adam.step(&theta, [g])
      #expect(abs(theta[0] - value) < 1e-15)
    }
  }

  /// Initial weights lie within ±√(6 / (fan in + fan out)) and a seed gives the same network.
  @Test func glorotBoundsAndSeed() {
    let network = Self.network(hidden: [8])
    for l in 0..<network.layerCount {
      let bound = (6 / Double(network.sizes[l] + network.sizes[l + 1])).squareRoot()
      for k in 0...network.sizes[l] {
        for j in 0..<network.sizes[l + 1] {
          #expect(abs(network.parameter(layer: l, row: k == network.sizes[l] ? nil : k, column: j)) <= bound)
        }
      }
    }
    #expect(Self.network(hidden: [8]).parameters == network.parameters)
  }

  /// A batch of 64 rows or more is split across two workers; the sums agree with one worker's
  /// to rounding, and training twice gives identical weights.
  @Test func splitBatchesAreDeterministic() throws {
    var random = SeededRandom(seed: 3)
    var matrix = FeatureMatrix(columns: 3)
    var labels: [Bool] = []
    for _ in 0..<300 {
      let row = (0..<3).map { _ in random.normal() }
      matrix.append(row)
      labels.append(row[0] + 0.5 * row[1] * row[2] + 0.3 * random.normal() > 0)
    }
    let settings = NetworkSettings(hidden: [6], epochs: 20, batch: 100, learningRate: 0.01, l2: 0.0001)
    func trained() throws -> (MultilayerPerceptron, [Double]) {
      var network = Self.network(hidden: [6])
      let losses = try network.train(matrix, standardisation: Standardisation(matrix), labels: labels, settings: settings)
      return (network, losses)
    }
    let (first, losses) = try trained()
    #expect(try trained().0.parameters == first.parameters)
    #expect(losses.count == 20)
    #expect(losses[19] < losses[0])
  }
}
