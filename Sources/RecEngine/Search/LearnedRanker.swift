/// A trained search ranker (`ranker NAME = logistic | mlp(…)`): its feature columns, the
/// candidate sources it was trained with, and the fitted model, which scores a candidate by the
/// probability that the search clicks it.
package struct LearnedRanker: Sendable {
  package enum Model: Sendable {
    /// rec's logistic fit (IRLS, standardised features, λ = 1).
    case logistic(LogisticRegression)
    /// The network and the standardisation of its inputs.
    case network(MultilayerPerceptron, Standardisation)
  }

  package let name: String
  package let layout: SearchFeatureLayout
  package let sources: [SearchCandidates.Source]
  package let limit: Int?
  package let model: Model

  package init(name: String, layout: SearchFeatureLayout, sources: [SearchCandidates.Source], limit: Int?, model: Model) {
    self.name = name
    self.layout = layout
    self.sources = sources
    self.limit = limit
    self.model = model
  }

  /// The training mean and scale of each column.
  package var means: [Double] {
    switch model {
    case .logistic(let fit): fit.means
    case .network(_, let standardisation): standardisation.means
    }
  }

  package var scales: [Double] {
    switch model {
    case .logistic(let fit): fit.scales
    case .network(_, let standardisation): standardisation.scales
    }
  }

  /// The logit of raw feature row `x`.
  package func logit(_ x: [Double]) -> Double { logits(rowMajor: x, rows: 1).first ?? .nan }

  /// The logits of `rows` raw feature rows laid one after the other in `x`: the network scores
  /// them all in one pass through its layers.
  package func logits(rowMajor x: [Double], rows: Int) -> [Double] {
    let width = layout.columns.count
    switch model {
    case .logistic(let fit):
      var row = [Double](repeating: 0, count: width)
      return (0..<rows).map { r in
        for j in 0..<width { row[j] = x[r * width + j] }
        return fit.logit(row)
      }
    case .network(let network, let standardisation):
      var z = x
      for r in 0..<rows {
        for j in 0..<width { z[r * width + j] = standardisation.standardised(z[r * width + j], j) }
      }
      return network.logits(z, rows: rows)
    }
  }

  /// The logit of every row of `matrix`, on every core, 4,096 rows at a time.
  package func logits(_ matrix: FeatureMatrix) -> [Double] {
    let width = matrix.columns
    let parts = chunks(of: matrix.count, into: max(1, (matrix.count + 4095) / 4096))
    return parallelMap(parts.count) { c in
      let range = parts[c]
      var x = [Double](repeating: 0, count: range.count * width)
      for j in 0..<width {
        matrix.columnValues[j].withUnsafeBufferPointer { column in
          for (i, r) in range.enumerated() { x[i * width + j] = Double(column[r]) }
        }
      }
      return logits(rowMajor: x, rows: range.count)
    }.flatMap { $0 }
  }

  /// The logit of `x` in parts: `base`, the logit with every column at its training mean; one
  /// contribution per column; and what is left, `interaction` (0 for the logistic model, whose
  /// contributions are its standardised terms and add up exactly). For the network a column's
  /// contribution is the logit less the logit with that column at its training mean
  /// (occlusion).
  package func explain(_ x: [Double]) -> (base: Double, contributions: [Double], interaction: Double) {
    switch model {
    case .logistic(let fit):
      let terms = fit.terms(x)
      return (terms[0], Array(terms.dropFirst()), 0)
    case .network(let network, let standardisation):
      let z = x.indices.map { standardisation.standardised(x[$0], $0) }
      let full = network.logit(z)
      let base = network.logit([Double](repeating: 0, count: z.count))
      let contributions = z.indices.map { j in
        var occluded = z
        occluded[j] = 0
        return full - network.logit(occluded)
      }
      return (base, contributions, full - base - contributions.reduce(0, +))
    }
  }
}
