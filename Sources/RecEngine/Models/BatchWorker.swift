import CKernels
import RealModule

/// One thread's share of a batch: forward and backward passes over some rows, summing the
/// unnormalised gradient (Σ over rows of aᵀδ for weights, Σ δ for biases) and the log-loss.
/// Its buffers are made once and reused by every batch.
struct BatchWorker {
  /// Per layer l (its output), rows × sizes[l + 1] activations at `offsets[l]`, and the errors
  /// δ of the same shape at `offsets[l] + half`: one array, so that the passes read one layer
  /// while writing another through pointers into it.
  private var scratch: [Double]
  private let offsets: [Int]
  private let half: Int
  /// The gradient sums, shaped like the network's parameters.
  private(set) var sums: [Double]
  private(set) var logLoss = 0.0

  init(sizes: [Int], rows: Int) {
    var offsets: [Int] = []
    var total = 0
    for size in sizes.dropFirst() {
      offsets.append(total)
      total += rows * size
    }
    self.offsets = offsets
    half = total
    scratch = [Double](repeating: 0, count: 2 * total + 1)
    sums = [Double](repeating: 0, count: zip(sizes, sizes.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 } + 1)
  }

  /// Runs rows `rows` of `inputs` (standardised, row-major) through `network` and back.
  mutating func accumulate(_ network: MultilayerPerceptron, inputs: [Double], targets: [Double], rows: Range<Int>) {
    let sizes = network.sizes
    let layers = sizes.count - 1
    let count = rows.count
    let (offsets, half) = (self.offsets, self.half)
    var logLoss = 0.0
    for p in sums.indices { sums[p] = 0 }
    withPointers(network.parameters, inputs, &scratch, &sums) { theta, x, buffer, g in
      /// The activations of layer l's inputs, row after row: the batch's rows for l = 0.
      func input(_ l: Int) -> UnsafePointer<Double> {
        l == 0 ? x + rows.lowerBound * sizes[0] : UnsafePointer(buffer + offsets[l - 1])
      }
      // Forward: z = a·W, then + b, then ReLU (hidden) or the sigmoid (output).
      for l in 0..<layers {
        let (fanIn, fanOut) = (sizes[l], sizes[l + 1])
        let w = theta + network.offsets[l]
        let bias = w + fanIn * fanOut
        let o = buffer + offsets[l]
        MultilayerPerceptron.product(input(l), w, rows: count, fanIn: fanIn, fanOut: fanOut, into: o)
        for r in 0..<count {
          for j in 0..<fanOut {
            let z = o[r * fanOut + j] + bias[j]
            o[r * fanOut + j] = l < layers - 1 ? max(z, 0) : MultilayerPerceptron.sigmoid(z)
          }
        }
      }
      // The output's error is p − y; the loss clips p as scikit-learn's does.
      let top = layers - 1
      for r in 0..<count {
        let (p, y) = (buffer[offsets[top] + r], targets[rows.lowerBound + r])
        buffer[half + offsets[top] + r] = p - y
        let clipped = min(max(p, Double.ulpOfOne), 1 - Double.ulpOfOne)
        logLoss -= y * Double.log(clipped) + (1 - y) * Double.log(1 - clipped)
      }
      // Backward from the top: the layer's sums, then the errors of the layer below it,
      // δ·Wᵀ where the unit was active (ReLU's derivative) and 0 where it was not.
      for l in stride(from: top, through: 0, by: -1) {
        let (fanIn, fanOut) = (sizes[l], sizes[l + 1])
        let (w, gw) = (theta + network.offsets[l], g + network.offsets[l])
        let (a, d) = (input(l), UnsafePointer(buffer + half + offsets[l]))
        // gw += Σ_r a[r]ᵀ d[r] and gb += Σ_r d[r], the rows added in order (`rec_layer_gradient`).
        rec_layer_gradient(a, d, count, fanIn, fanOut, gw)
        guard l > 0 else { continue }
        for r in 0..<count {
          let (ar, dr) = (a + r * fanIn, d + r * fanOut)
          let below = buffer + half + offsets[l - 1] + r * fanIn
          for k in 0..<fanIn {
            guard ar[k] > 0 else {
              below[k] = 0
              continue
            }
            let wk = w + k * fanOut
            var s = 0.0
            for j in 0..<fanOut { s += dr[j] * wk[j] }
            below[k] = s
          }
        }
      }
    }
    self.logLoss = logLoss
  }
}

/// Runs `body` with pointers to the four arrays' storage; every array has at least one element
/// (the workers pad theirs), so each has an address.
private func withPointers(
  _ theta: [Double], _ x: [Double], _ buffer: inout [Double], _ sums: inout [Double],
  _ body: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
) {
  theta.withUnsafeBufferPointer { theta in
    x.withUnsafeBufferPointer { x in
      buffer.withUnsafeMutableBufferPointer { buffer in
        sums.withUnsafeMutableBufferPointer { sums in
          guard let t = theta.baseAddress, let xs = x.baseAddress, let b = buffer.baseAddress, let g = sums.baseAddress
          else { return }
          body(t, xs, b, g)
        }
      }
    }
  }
}
