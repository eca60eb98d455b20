import Testing

@testable import RecKit
@testable import RecEngine

/// The Newton–Raphson logistic fit against closed forms and statsmodels, its standardisation,
/// its penalty, and the rank AUC.
@Suite struct LogisticRegressionTests {
  /// One binary feature: the maximum-likelihood fit reproduces each group's log-odds, and the
  /// standard errors are √(1/a + 1/b) sums of the cell counts.
  @Test func twoGroupsMatchClosedForm() throws {
    // Group x = 0: 3 of 10 positive; group x = 1: 6 of 8 positive.
    let x = [Double](repeating: 0, count: 10) + [Double](repeating: 1, count: 8)
    let y = (0..<10).map { $0 < 3 } + (0..<8).map { $0 < 6 }
    let fit = try LogisticRegression(columns: [x], labels: y, penalty: 0)
    let logit0 = Double.log(3.0 / 7)
    let logit1 = Double.log(6.0 / 2)
    let b = fit.coefficients
    let se = fit.standardErrors
    #expect(abs(b[0] - logit0) < 1e-10)
    #expect(abs(b[1] - (logit1 - logit0)) < 1e-10)
    #expect(abs(se[0] - (1.0 / 3 + 1.0 / 7).squareRoot()) < 1e-9)
    #expect(abs(se[1] - (1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 2).squareRoot()) < 1e-9)
    #expect(fit.steps < 10)
  }

  /// Two continuous features, no penalty, against statsmodels 0.15:
  ///     sm.Logit(y, sm.add_constant(np.column_stack([x1, x2]))).fit(tol=1e-14)
  @Test func matchesStatsmodels() throws {
    let x1 = [0.5, 1.2, -0.3, 2.0, 0.0, 1.5, -1.0, 0.8, 2.5, -0.5, 1.0, 0.3]
    let x2: [Double] = [3, 1, 2, 5, 4, 2, 1, 3, 2, 5, 4, 1]
    let y = [0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0].map { $0 == 1 }
    let fit = try LogisticRegression(columns: [x1, x2], labels: y, penalty: 0)
    let params = [-4.404169089457641, 2.6411164709798522, 0.969191454866766]
    let bse = [3.434144144774814, 1.717679331984302, 0.8720380904714378]
    for (mine, theirs) in zip(fit.coefficients, params) { #expect(abs(mine - theirs) < 1e-7) }
    for (mine, theirs) in zip(fit.standardErrors, bse) { #expect(abs(mine - theirs) < 1e-6) }
    #expect(abs(fit.logLikelihood - -4.625816800041763) < 1e-10)
  }

  /// Shifting and scaling a feature changes its raw coefficient by the scale and nothing else:
  /// standardised coefficients, the fit and every prediction stay the same, penalty or not.
  @Test func standardisationInvariance() throws {
    let x1 = [0.5, 1.2, -0.3, 2.0, 0.0, 1.5, -1.0, 0.8, 2.5, -0.5, 1.0, 0.3]
    let x2: [Double] = [3, 1, 2, 5, 4, 2, 1, 3, 2, 5, 4, 1]
    let y = [0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0].map { $0 == 1 }
    let scaled = x1.map { 1000 * $0 + 7 }
    let a = try LogisticRegression(columns: [x1, x2], labels: y, penalty: 1)
    let b = try LogisticRegression(columns: [scaled, x2], labels: y, penalty: 1)
    for (p, q) in zip(a.standardised, b.standardised) { #expect(abs(p - q) < 1e-9) }
    #expect(abs(a.coefficients[1] - 1000 * b.coefficients[1]) < 1e-8)
    #expect(abs(a.standardErrors[1] - 1000 * b.standardErrors[1]) < 1e-8)
    for i in y.indices {
      #expect(abs(a.probability([x1[i], x2[i]]) - b.probability([scaled[i], x2[i]])) < 1e-12)
    }
  }

  /// Perfectly separated labels have no maximum-likelihood fit; the penalty gives a finite one,
  /// reached in a few steps, where the penalised gradient vanishes.
  @Test func separableDataStaysFinite() throws {
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let y = [false, false, false, true, true, true]
    let fit = try LogisticRegression(columns: [x], labels: y, penalty: 1)
    #expect(fit.steps < 20)
    #expect(fit.standardised.allSatisfy { $0.isFinite })
    #expect(fit.standardised[1] > 0)
    // Stationarity: Σ (y − p) = 0 for the intercept, Σ z (y − p) = λ b₁ for the slope.
    var interceptGradient = 0.0
    var slopeGradient = 0.0
    for i in x.indices {
      let r = (y[i] ? 1.0 : 0.0) - fit.probability([x[i]])
      interceptGradient += r
      slopeGradient += (x[i] - fit.means[0]) / fit.scales[0] * r
    }
    #expect(abs(interceptGradient) < 1e-9)
    #expect(abs(slopeGradient - fit.standardised[1]) < 1e-9)
  }

  @Test func refusesOneClassAndNonFiniteInputs() {
    #expect(throws: LogisticRegression.Failure.singleClass(false)) {
      try LogisticRegression(columns: [[1, 2, 3]], labels: [false, false, false])
    }
    #expect(throws: LogisticRegression.Failure.singleClass(true)) {
      try LogisticRegression(columns: [[1, 2, 3]], labels: [true, true, true])
    }
    #expect(throws: LogisticRegression.Failure.nonFinite(feature: 1, row: 2)) {
      try LogisticRegression(columns: [[1, 2, 3], [0, 1, -.infinity]], labels: [true, false, true])
    }
  }

  /// The logit splits into the base (every input at its mean) and one term per input.
  @Test func termsSumToTheLogit() throws {
    let fit = try LogisticRegression(columns: [[0, 1, 2, 3], [1, 1, 0, 2]], labels: [false, true, false, true])
    let terms = fit.terms([2.5, 1])
    #expect(terms.count == 3)
    #expect(terms[0] == fit.standardised[0])
    let logit = fit.coefficients[0] + fit.coefficients[1] * 2.5 + fit.coefficients[2] * 1
    #expect(abs(terms.reduce(0, +) - logit) < 1e-12)
  }

  /// Pairs (positive, negative): 0.4 beats 0.1 and ties two 0.4s; 0.8 and 0.9 beat all three:
  /// (1 + ½ + ½ + 3 + 3) / 9.
  @Test func aucAveragesTies() {
    let scores = [0.1, 0.4, 0.4, 0.8, 0.4, 0.9]
    let labels = [false, true, false, true, false, true]
    #expect(areaUnderCurve(scores, labels: labels) == 8.0 / 9)
    #expect(areaUnderCurve([1, 1, 1], labels: [true, false, true]) == 0.5)
    #expect(areaUnderCurve([0.3, 0.2], labels: [true, false]) == 1)
    #expect(areaUnderCurve([0.3, 0.2], labels: [true, true]) == nil)
  }

  @Test func choleskySolvesAndInverts() throws {
    // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]]; A · [1, 2, 3] = [8, 15, 11].
    let a: [Double] = [4, 2, 0, 2, 5, 1, 0, 1, 3]
    let factor = try #require(Cholesky(a, size: 3))
    let x = factor.solve([8, 15, 11])
    for (got, want) in zip(x, [1.0, 2, 3]) { #expect(abs(got - want) < 1e-12) }
    let inverse = factor.inverse()
    for i in 0..<3 {
      for j in 0..<3 {
        let product = (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * inverse[$1 * 3 + j] }
        #expect(abs(product - (i == j ? 1 : 0)) < 1e-12)
      }
    }
    #expect(Cholesky([1, 2, 2, 1], size: 2) == nil)
  }

  /// The Gram matrix that reads an indicator column only where it is 1 equals Σ w z̃ z̃ᵀ summed
  /// in full, over blocks of rows (two blocks and a short one), from either kind of input:
  /// columns of Doubles and a matrix of 32-bit floats.
  @Test func gramOfIndicatorsEqualsTheDenseSum() throws {
    var random = SeededRandom(seed: 11, stream: 0)
    let n = 2 * LogisticRegression.Design.blockRows + 123
    // A continuous column, two indicators that overlap, a rare one, and a constant indicator.
    let columns: [[Double]] = [
      (0..<n).map { _ in random.uniform() * 4 - 1 },
      (0..<n).map { _ in random.uniform() < 0.3 ? 1 : 0 },
      (0..<n).map { _ in random.uniform() < 0.6 ? 1 : 0 },
      (0..<n).map { i in i % 997 == 0 ? 1 : 0 },
      [Double](repeating: 1, count: n),
    ].map { $0.map { Double(Float($0)) } }
    let labels = (0..<n).map { _ in random.uniform() < 0.4 }
    let b = [-0.3, 0.7, -1.1, 0.4, 2.0, 0.5]
    let p = b.count
    let standardisation = Standardisation(columns: columns)
    let matrix = FeatureMatrix(columnValues: columns.map { $0.map(Float.init) })
    for design in [
      LogisticRegression.Design(columns: columns, standardisation: standardisation, labels: labels),
      LogisticRegression.Design(matrix: matrix, standardisation: standardisation, labels: labels),
    ] {
      let gram = design.sum(b, width: p * p) { block, out in
        let w = block.eta.map { eta in
          let mu = LogisticRegression.sigmoid(eta)
          return mu * (1 - mu)
        }
        w.withUnsafeBufferPointer { design.gram(block, weights: $0, into: out) }
      }
      var dense = [Double](repeating: 0, count: p * p)
      for i in 0..<n {
        let z = [1.0] + columns.indices.map { j in standardisation.standardised(columns[j][i], j) }
        let eta = zip(b, z).reduce(0) { $0 + $1.0 * $1.1 }
        let mu = LogisticRegression.sigmoid(eta)
        for a in 0..<p { for c in 0...a { dense[a * p + c] += mu * (1 - mu) * z[a] * z[c] } }
      }
      for a in 0..<p {
        for c in 0...a {
          #expect(abs(gram[a * p + c] - dense[a * p + c]) <= 1e-12 * max(1, abs(dense[a * p + c])), "(\(a), \(c))")
        }
        // Only the lower triangle is written.
        for c in (a + 1)..<p { #expect(gram[a * p + c] == 0) }
      }
    }
  }

  /// Newton from a sample's fit (every 8th row, penalty λ/8) reaches the optimum Newton reaches
  /// from b = 0, in fewer steps over all the rows; columns and a float matrix alike.
  @Test func aWarmStartReachesTheSameFit() throws {
    var random = SeededRandom(seed: 5, stream: 0)
    let n = 40_000
    let x: [[Double]] = (0..<4).map { j in
      (0..<n).map { _ in Double(Float(j == 3 ? (random.uniform() < 0.2 ? 1 : 0) : random.normal())) }
    }
    let labels = (0..<n).map { i in
      random.uniform() < LogisticRegression.sigmoid(-1 + 0.8 * x[0][i] - 0.5 * x[1][i] + 0.3 * x[2][i] + x[3][i])
    }
    let cold = try LogisticRegression(columns: x, labels: labels, warmStart: .never)
    let matrix = FeatureMatrix(columnValues: x.map { $0.map(Float.init) })
    for warm in [
      try LogisticRegression(columns: x, labels: labels, warmStart: .every(8)),
      try LogisticRegression(matrix: matrix, labels: labels, warmStart: .every(8)),
    ] {
      #expect(cold.sampleSteps == 0 && warm.sampleSteps > 0)
      #expect(warm.steps < cold.steps)
      for (a, b) in zip(warm.standardised, cold.standardised) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b))) }
    }
    // Below a million rows the automatic choice starts from b = 0.
    #expect(try LogisticRegression(columns: x, labels: labels).sampleSteps == 0)
  }
}
