import RealModule
import RecCore

/// How `mlp(hidden:, epochs:, batch:, lr:, l2:, seed:)` trains.
package struct NetworkSettings: Sendable, Equatable {
  package var hidden: [Int]
  package var epochs: Int
  package var batch: Int
  package var learningRate: Double
  package var l2: Double

  package init(hidden: [Int], epochs: Int, batch: Int, learningRate: Double, l2: Double) {
    self.hidden = hidden
    self.epochs = epochs
    self.batch = batch
    self.learningRate = learningRate
    self.l2 = l2
  }
}

/// Mini-batch training by Adam, the scikit-learn `MLPClassifier(solver="adam", shuffle=False)`
/// recipe step for step, so that its weights can be checked against it.
///
/// The rows are visited in their given order every epoch, in batches of `batch` (the last one
/// smaller). A batch's loss is its mean log-loss, the probability clipped to [ε, 1 − ε] with ε
/// Double's machine epsilon, plus l2 · ‖W‖² / (2 · batch size) over the weights (not the
/// biases); its gradient is the loss's exact one (the clip is for the loss's value only). The
/// inputs are standardised as they are read (`Standardisation`), in Double.
extension MultilayerPerceptron {
  /// Trains on `matrix` (raw features) with labels `labels`, calling `epochDone(epoch, loss)`
  /// after each epoch with the mean of the batch losses weighted by batch size (scikit-learn's
  /// `loss_curve_`); returns those losses.
  /// - Complexity: O(epochs · rows · parameters), the two halves of each batch on two cores.
  package mutating func train(
    _ matrix: FeatureMatrix, standardisation: Standardisation, labels: [Bool], settings: NetworkSettings,
    cancellation: Cancellation = .never, epochDone: (Int, Double) -> Void = { _, _ in }
  ) throws(Diagnostic) -> [Double] {
    precondition(matrix.columns == sizes[0] && labels.count == matrix.count, "the network fits the matrix")
    let n = matrix.count
    let batch = max(1, min(settings.batch, n))
    let width = matrix.columns
    var adam = Adam(count: parameters.count, rate: settings.learningRate)
    var inputs = [Double](repeating: 0, count: batch * width)
    var targets = [Double](repeating: 0, count: batch)
    var gradient = [Double](repeating: 0, count: parameters.count)
    var workers = [BatchWorker(sizes: sizes, rows: batch), BatchWorker(sizes: sizes, rows: batch / 2 + 1)]
    var losses: [Double] = []
    for epoch in 0..<settings.epochs {
      var accumulated = 0.0
      var start = 0
      while start < n {
        try cancellation.check()
        let rows = min(batch, n - start)
        // A column's stretch of rows at a time: the matrix is held column by column.
        inputs.withUnsafeMutableBufferPointer { inputs in
          for j in 0..<width {
            matrix.columnValues[j].withUnsafeBufferPointer { column in
              for i in 0..<rows { inputs[i * width + j] = standardisation.standardised(Double(column[start + i]), j) }
            }
          }
        }
        for i in 0..<rows { targets[i] = labels[start + i] ? 1 : 0 }
        let loss = batchGradient(
          inputs: inputs, targets: targets, rows: rows, l2: settings.l2, workers: &workers, into: &gradient)
        accumulated += loss * Double(rows)
        adam.step(&parameters, gradient)
        start += rows
      }
      losses.append(accumulated / Double(n))
      epochDone(epoch, accumulated / Double(n))
    }
    return losses
  }

  /// The loss of the first `rows` rows of `inputs` (standardised, row-major) against `targets`,
  /// its gradient written to `gradient`. The rows are split in two halves run at once when the
  /// batch is large enough to pay for it; their sums are added in a fixed order.
  func batchGradient(
    inputs: [Double], targets: [Double], rows: Int, l2: Double, workers: inout [BatchWorker],
    into gradient: inout [Double]
  ) -> Double {
    let halves = rows >= 64 ? [0..<(rows - rows / 2), (rows - rows / 2)..<rows] : [0..<rows]
    let network = self
    workers.withUnsafeMutableBufferPointer { workers in
      let shared = UncheckedSendable(workers)
      inParallel(halves.count) { h in
        shared.value[h].accumulate(network, inputs: inputs, targets: targets, rows: halves[h])
      }
    }
    var logLoss = workers[0].logLoss
    for p in 0..<gradient.count { gradient[p] = workers[0].sums[p] }
    if halves.count == 2 {
      logLoss += workers[1].logLoss
      for p in 0..<gradient.count { gradient[p] += workers[1].sums[p] }
    }
    let b = Double(rows)
    var squares = 0.0
    for l in 0..<layerCount {
      let weights = offsets[l]..<(offsets[l] + sizes[l] * sizes[l + 1])
      for p in weights {
        squares += parameters[p] * parameters[p]
        gradient[p] = (gradient[p] + l2 * parameters[p]) / b
      }
      for p in weights.upperBound..<(weights.upperBound + sizes[l + 1]) { gradient[p] /= b }
    }
    return logLoss / b + 0.5 * l2 * squares / b
  }
}

/// Adam with bias-corrected step size (Kingma and Ba, as scikit-learn writes it): per step t,
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε).
struct Adam {
  static let beta1 = 0.9
  static let beta2 = 0.999
  static let epsilon = 1e-8

  let rate: Double
  private(set) var steps = 0
  private var first: [Double]
  private var second: [Double]

  init(count: Int, rate: Double) {
    self.rate = rate
    first = [Double](repeating: 0, count: count)
    second = [Double](repeating: 0, count: count)
  }

  mutating func step(_ parameters: inout [Double], _ gradient: [Double]) {
    steps += 1
    let t = Double(steps)
    let size = rate * (1 - Double.pow(Self.beta2, t)).squareRoot() / (1 - Double.pow(Self.beta1, t))
    for p in 0..<parameters.count {
      let g = gradient[p]
      first[p] = Self.beta1 * first[p] + (1 - Self.beta1) * g
      second[p] = Self.beta2 * second[p] + (1 - Self.beta2) * (g * g)
      parameters[p] += -size * first[p] / (second[p].squareRoot() + Self.epsilon)
    }
  }
}
