import RealModule

/// A logistic regression P(y = 1 | x) = 1 / (1 + e^−(β₀ + β·x)), fitted by Newton–Raphson
/// (iteratively reweighted least squares) on standardised features with an L2 penalty.
///
/// Each feature is centred on its training mean and divided by its training standard deviation
/// (population form, dividing by n; a constant feature keeps scale 1); both are kept, so the model
/// reads raw features. The fit maximises the penalised log-likelihood
///
///     ℓ(b) = Σᵢ [yᵢ ηᵢ − log(1 + e^ηᵢ)] − λ/2 · Σⱼ bⱼ²,   ηᵢ = b₀ + Σⱼ bⱼ zᵢⱼ,
///
/// the intercept b₀ unpenalised. The penalty keeps separable data finite and the Hessian
/// positive definite. Newton starts from b = 0 with b₀ the logit of the positive rate (over
/// millions of rows, from a sample's fit: `WarmStart`) and solves each (k+1)×(k+1) system by
/// Cholesky, halving a step that lowers ℓ; it stops when ℓ changes by less than `tolerance`,
/// when a step moves no coefficient by `stepTolerance` (such a step is taken without a pass to
/// judge it; the covariance is read before it), or after `maxSteps`. Sums run over fixed blocks
/// of rows on every core, the blocks' sums added in their order (`Design`): the same bits on any
/// number of cores.
package struct LogisticRegression: Sendable {
  /// Why a fit is impossible.
  package enum Failure: Error, Equatable {
    /// Every label is the same (`true`: all positive).
    case singleClass(Bool)
    /// Feature `feature` is NaN or infinite in row `row`.
    case nonFinite(feature: Int, row: Int)
    /// The Hessian lost positive definiteness (only possible without a penalty).
    case singular
  }

  static let maxSteps = 100
  static let tolerance = 1e-10
  /// A step that moves no standardised coefficient by this much ends the fit: Newton's
  /// convergence is quadratic, so what remains is below the rounding of the sums. (Over millions
  /// of rows ℓ is so large that its rounding alone changes it by more than `tolerance` each step.)
  static let stepTolerance = 1e-9

  /// Training mean and standard deviation of each feature (`Standardisation`).
  package let means: [Double]
  package let scales: [Double]
  /// b₀, then one coefficient per standardised feature.
  package let standardised: [Double]
  /// The inverse of the penalised Hessian at the fit, standardised scale, (k+1)², row-major.
  let covariance: [Double]
  let penalty: Double
  /// Newton steps taken over all the rows.
  package let steps: Int
  /// Newton steps taken on the sample that gave the start (`WarmStart`), 0 without one.
  package let sampleSteps: Int
  /// The unpenalised log-likelihood of the training data at the fit.
  let logLikelihood: Double

  /// Fits the model to `columns` (one array of n values per feature) and `labels` (n of them).
  /// - Complexity: O(steps · n · k²).
  package init(
    columns: [[Double]], labels: [Bool], penalty: Double = 1, warmStart: WarmStart = .automatic
  ) throws(Failure) {
    try Self.requireBothClasses(labels)
    for (j, column) in columns.enumerated() {
      if let row = column.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(feature: j, row: row) }
    }
    let standardisation = Standardisation(columns: columns)
    try self.init(
      Design(columns: columns, standardisation: standardisation, labels: labels), standardisation, penalty: penalty,
      warmStart: warmStart)
  }

  /// Fits the model to the rows of `matrix` and `labels` (one per row), reading the stored
  /// 32-bit values as Doubles.
  package init(
    matrix: FeatureMatrix, labels: [Bool], penalty: Double = 1, warmStart: WarmStart = .automatic
  ) throws(Failure) {
    try Self.requireBothClasses(labels)
    for (j, column) in matrix.columnValues.enumerated() {
      if let row = column.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(feature: j, row: row) }
    }
    let standardisation = Standardisation(matrix)
    try self.init(
      Design(matrix: matrix, standardisation: standardisation, labels: labels), standardisation, penalty: penalty,
      warmStart: warmStart)
  }

  private static func requireBothClasses(_ labels: [Bool]) throws(Failure) {
    let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard positives > 0, positives < labels.count else { throw .singleClass(positives > 0) }
  }

  private init(
    _ design: Design, _ standardisation: Standardisation, penalty: Double, warmStart: WarmStart
  ) throws(Failure) {
    means = standardisation.means
    scales = standardisation.scales
    self.penalty = penalty
    var start: [Double]?
    var sampleSteps = 0
    if let stride = warmStart.stride(rows: design.rows), let sample = design.sample(every: stride),
      let fit = try? Self.newton(sample, penalty: penalty / Double(stride), from: nil)
    {
      (start, sampleSteps) = (fit.b, fit.steps)
    }
    let fit = try Self.newton(design, penalty: penalty, from: start)
    guard let factor = Cholesky(fit.at.hessian, size: design.features + 1) else { throw .singular }
    standardised = fit.b
    covariance = factor.inverse()
    steps = fit.steps
    self.sampleSteps = sampleSteps
    logLikelihood = fit.at.plain
  }

  /// Where Newton starts. Over millions of rows each step is a pass over all of them, and from
  /// b = 0 the fit takes six or seven; from the optimum of a systematic sample (every s-th row,
  /// penalty λ/s so that it weighs on the sample as on the whole) two or three steps reach the
  /// same optimum, the sample's own steps costing 1/s of a pass each.
  package enum WarmStart: Sendable {
    /// From a sample of every 16th row when there are `automaticRows` rows or more.
    case automatic
    case never
    /// From a sample of every s-th row (s ≥ 2), whatever the rows.
    case every(Int)

    static let automaticRows = 1 << 20

    func stride(rows: Int) -> Int? {
      switch self {
      case .automatic: rows >= Self.automaticRows ? 16 : nil
      case .never: nil
      case .every(let s): s >= 2 ? s : nil
      }
    }
  }

  /// ℓ at b: penalised and plain, its gradient and negative Hessian.
  private typealias Evaluation = (penalised: Double, plain: Double, gradient: [Double], hessian: [Double])

  /// Newton–Raphson on `design` from `start` (b = 0 with b₀ the logit of the positive rate when
  /// nil): the coefficients, ℓ and its derivatives there, and the steps taken.
  private static func newton(
    _ design: Design, penalty: Double, from start: [Double]?
  ) throws(Failure) -> (b: [Double], at: Evaluation, steps: Int) {
    let p = design.features + 1
    var b: [Double]
    if let start { b = start } else {
      b = [Double](repeating: 0, count: p)
      let rate = design.y.reduce(0, +) / Double(design.rows)
      b[0] = Double.log(rate / (1 - rate))
    }
    var current = evaluate(design, b, penalty: penalty)
    var steps = 0
    while steps < Self.maxSteps {
      guard let factor = Cholesky(current.hessian, size: p) else { throw .singular }
      let delta = factor.solve(current.gradient)
      // A step too small to matter ends the fit as the step after it would (below); it is taken
      // without the pass that would judge it, whose sums could not tell the difference.
      if delta.reduce(0.0, { max($0, abs($1)) }) < Self.stepTolerance {
        b = zip(b, delta).map { $0 + $1 }
        steps += 1
        break
      }
      var scale = 1.0
      var next = b
      var at = current
      // Halve a step that overshoots; a concave objective always admits a small enough one.
      // The pass that judges a step also gives the next step's derivatives.
      for _ in 0..<40 {
        next = zip(b, delta).map { $0 + scale * $1 }
        at = evaluate(design, next, penalty: penalty)
        if at.penalised >= current.penalised - 1e-12 * abs(current.penalised) { break }
        scale /= 2
      }
      steps += 1
      let change = abs(at.penalised - current.penalised)
      let moved = zip(b, next).reduce(0.0) { max($0, abs($1.1 - $1.0)) }
      b = next
      current = at
      if change < Self.tolerance || moved < Self.stepTolerance { break }
    }
    return (b, current, steps)
  }

  /// At `b`: the penalised and the plain log-likelihood, the gradient of ℓ and the negative
  /// Hessian, in one pass over the rows.
  private static func evaluate(_ design: Design, _ b: [Double], penalty: Double) -> Evaluation {
    let p = design.features + 1
    let y = design.y
    // Per block: ℓ, the gradient (p numbers), then the Hessian's lower triangle row by row.
    let sums = design.sum(b, width: 1 + p + p * p) { block, out in
      let m = block.rows.count
      let r = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
      let w = UnsafeMutableBufferPointer<Double>.allocate(capacity: m)
      defer { r.deallocate(); w.deallocate() }
      for i in 0..<m {
        let (eta, label) = (block.eta[i], y[block.rows.lowerBound + i])
        // `softplus` and `sigmoid` read the same e^−|η|: one exponential for both, the same bits.
        let e = Double.exp(-abs(eta))
        out[0] += label * eta - (eta > 0 ? eta + Double.log(onePlus: e) : Double.log(onePlus: e))
        let mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e)
        r[i] = label - mu
        w[i] = mu * (1 - mu)
      }
      out[1] += Design.total(UnsafeBufferPointer(r))
      for a in 1..<p { out[1 + a] += Design.dot(block.column(a - 1), UnsafeBufferPointer(r)) }
      design.gram(block, weights: UnsafeBufferPointer(w), into: UnsafeMutableBufferPointer(rebasing: out[(1 + p)...]))
    }
    let plain = sums[0]
    var g = Array(sums[1...p])
    var h = Array(sums[(1 + p)...])
    var ridge = 0.0
    for a in 1..<p {
      ridge += b[a] * b[a]
      g[a] -= penalty * b[a]
      h[a * p + a] += penalty
    }
    for a in 0..<p { for c in 0..<a { h[c * p + a] = h[a * p + c] } }
    return (plain - penalty / 2 * ridge, plain, g, h)
  }

  var featureCount: Int { means.count }

  /// β₀ and the coefficients of the raw features: βⱼ = bⱼ / sⱼ, β₀ = b₀ − Σ bⱼ mⱼ / sⱼ.
  package var coefficients: [Double] { transform.map { row in zip(row, standardised).reduce(0) { $0 + $1.0 * $1.1 } } }

  /// Standard errors of `coefficients`: the square roots of the diagonal of A·C·Aᵀ, with C the
  /// inverse penalised Hessian and A the map from standardised to raw coefficients.
  package var standardErrors: [Double] {
    let p = featureCount + 1
    let a = transform
    return (0..<p).map { r in
      var v = 0.0
      for i in 0..<p { for j in 0..<p { v += a[r][i] * covariance[i * p + j] * a[r][j] } }
      return v.squareRoot()
    }
  }

  /// The rows of A, with raw coefficients = A · standardised.
  private var transform: [[Double]] {
    let p = featureCount + 1
    var rows = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    rows[0][0] = 1
    for j in 0..<featureCount {
      rows[0][j + 1] = -means[j] / scales[j]
      rows[j + 1][j + 1] = 1 / scales[j]
    }
    return rows
  }

  /// b₀, then each feature's share bⱼ·(xⱼ − mⱼ)/sⱼ of the logit for raw features `x`.
  func terms(_ x: [Double]) -> [Double] {
    [standardised[0]] + (0..<featureCount).map { j in standardised[j + 1] * (x[j] - means[j]) / scales[j] }
  }

  /// The sum of `terms(x)` in their order, without making them: scoring reads it per candidate.
  func logit(_ x: [Double]) -> Double {
    var sum = 0.0
    sum += standardised[0]
    for j in 0..<featureCount { sum += standardised[j + 1] * (x[j] - means[j]) / scales[j] }
    return sum
  }

  /// P(y = 1) for raw features `x`.
  func probability(_ x: [Double]) -> Double { Self.sigmoid(logit(x)) }

  /// `probability` of every row of `columns` (one array per feature): the same sums in the same
  /// order, so the same bits, a feature at a time over all rows rather than a row at a time.
  package func probabilities(_ columns: [[Double]]) -> [Double] {
    let n = columns.first?.count ?? 0
    var out = [Double](repeating: 0, count: n)
    out.withUnsafeMutableBufferPointer { out in
      let shared = UncheckedSendable(out)
      let parts = n < 1 << 16 ? 1 : 8
      inParallel(parts) { part in
        let rows = n * part / parts..<n * (part + 1) / parts
        let out = shared.value
        for i in rows { out[i] = 0 + standardised[0] }
        for j in 0..<featureCount {
          let (b, m, s) = (standardised[j + 1], means[j], scales[j])
          columns[j].withUnsafeBufferPointer { x in
            for i in rows { out[i] += b * (x[i] - m) / s }
          }
        }
        for i in rows { out[i] = Self.sigmoid(out[i]) }
      }
    }
    return out
  }

  /// 1 / (1 + e^−η), without overflow for large |η|.
  static func sigmoid(_ eta: Double) -> Double {
    eta >= 0 ? 1 / (1 + Double.exp(-eta)) : Double.exp(eta) / (1 + Double.exp(eta))
  }

  /// log(1 + e^η), without overflow for large η.
  package static func softplus(_ eta: Double) -> Double {
    eta > 0 ? eta + Double.log(onePlus: Double.exp(-eta)) : Double.log(onePlus: Double.exp(eta))
  }
}
