import RealModule

/// The probability that each of several independent Beta variables is the largest — Thompson
/// sampling's exact action probabilities:
///
///     P(a) = ∫ f_a(x) · Π_{b≠a} F_b(x) dx
///
/// with f and F each arm's Beta density and distribution function. The integral runs over the
/// span where some integrand has mass — from the highest point below which one arm has almost no
/// mass (e^-36 of its peak density) to the highest such point above — cut into equal panels no
/// wider than twice the narrowest arm's standard deviation, each taken by a 16-point
/// Gauss–Legendre rule, which is exact to about the last digit on a smooth piece that short.
/// Each F is found once by the incomplete beta function at the span's start and then carried
/// along by integrating its density on the same nodes (`rule.columns`), so the cost is a few
/// exponentials per node rather than a continued fraction per node and arm.
///
/// A density whose derivatives blow up at an end of [0, 1] (a parameter below 1, or a fractional
/// one when the span reaches that end) defeats the rule; for such the answer is nil and the caller
/// counts draws instead.
package enum BetaMax {
  /// The 16-point Gauss–Legendre rule on [-1, 1], with the running integrals of its interpolant.
  static let rule = Rule()

  /// Log-density below its peak beyond which an arm's density and tail mass no longer count.
  private static let fall = 36.0

  /// At most this many panels, whatever the spread of the arms.
  private static let maximumPanels = 256

  /// Writes P(arm i is the largest) into `p[0 ..< alpha.count]`; false (and `p` undefined) when
  /// the rule does not apply, or its total strays from 1.
  static func probabilities(
    alpha: [Double], beta: [Double], into p: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let k = alpha.count
    guard k > 0, beta.count == k, alpha.allSatisfy({ $0 >= 1 && $0.isFinite }),
      beta.allSatisfy({ $0 >= 1 && $0.isFinite })
    else { return false }
    if zip(alpha, beta).allSatisfy({ $0 == alpha[0] && $1 == beta[0] }) {
      // Identical posteriors: each arm wins with the same chance, whatever the quadrature says.
      for i in 0..<k { p[i] = 1 / Double(k) }
      return true
    }
    let arms = (0..<k).map { Arm(alpha: alpha[$0], beta: beta[$0]) }
    // Below the highest lower end, the arm that owns it is almost surely above x, so no arm's
    // integrand has mass there; above the highest upper end no density has.
    let low = arms.map(\.low).max() ?? 0
    let high = arms.map(\.high).max() ?? 1
    guard low < high,
      low > 0 || arms.allSatisfy({ $0.alpha == $0.alpha.rounded() }),
      high < 1 || arms.allSatisfy({ $0.beta == $0.beta.rounded() })
    else { return false }
    let narrowest = arms.filter { $0.high > low }.map(\.sd).min() ?? (high - low)
    let panels = min(maximumPanels, max(1, Int(((high - low) / (2 * narrowest)).rounded(.up))))
    let g = Rule.points
    var cdf = arms.map { Distributions.regularizedBeta(low, $0.alpha, $0.beta, logBeta: $0.logBeta) }
    var density = [Double](repeating: 0, count: k * g)
    // Each arm's F at the panel's nodes, the integral carried from the panel's start.
    var carried = [SIMD16<Double>](repeating: .zero, count: k)
    var suffix = [Double](repeating: 1, count: k + 1)
    var atNode = [Double](repeating: 0, count: k)
    for i in 0..<k { p[i] = 0 }
    let width = (high - low) / Double(panels)
    let half = width / 2
    for panel in 0..<panels {
      let mid = low + width * (Double(panel) + 0.5)
      for j in 0..<g {
        let x = mid + half * rule.nodes[j]
        let logX = Double.log(x)
        let logRest = Double.log(onePlus: -x)
        for i in 0..<k { density[i * g + j] = arms[i].density(logX: logX, logRest: logRest) }
      }
      // All nodes at once, node m's term added to every node's sum in turn: the sums of a
      // node-by-node loop, with no chain of additions waiting on each other.
      for i in 0..<k {
        var sum = SIMD16<Double>.zero
        for m in 0..<g { sum += rule.columns[m] * density[i * g + m] }
        carried[i] = sum
      }
      for j in 0..<g {
        for i in 0..<k { atNode[i] = min(1, cdf[i] + half * carried[i][j]) }
        // P(a) needs the product of every other arm's F: prefix and suffix products, no division.
        for i in stride(from: k - 1, through: 0, by: -1) { suffix[i] = suffix[i + 1] * atNode[i] }
        var prefix = 1.0
        let weight = half * rule.weights[j]
        for i in 0..<k {
          p[i] += weight * density[i * g + j] * prefix * suffix[i + 1]
          prefix *= atNode[i]
        }
      }
      for i in 0..<k {
        var mass = 0.0
        for m in 0..<g { mass += rule.weights[m] * density[i * g + m] }
        cdf[i] = min(1, cdf[i] + half * mass)
      }
    }
    var total = 0.0
    for i in 0..<k { total += p[i] }
    guard abs(total - 1) < 1e-9 else { return false }
    for i in 0..<k { p[i] /= total }
    return true
  }

  /// One arm's Beta(α, β), α, β ≥ 1.
  private struct Arm {
    let alpha: Double
    let beta: Double
    let logBeta: Double
    let sd: Double
    /// Where the density has fallen by e^36 below and above its mode (or the ends of [0, 1]).
    let low: Double
    let high: Double

    init(alpha: Double, beta: Double) {
      self.alpha = alpha
      self.beta = beta
      logBeta = Double.logGamma(alpha) + Double.logGamma(beta) - Double.logGamma(alpha + beta)
      let n = alpha + beta
      sd = (alpha * beta / (n * n * (n + 1))).squareRoot()
      let mode = n > 2 ? (alpha - 1) / (n - 2) : 0.5
      let floor = Self.logDensity(mode, alpha, beta, logBeta) - BetaMax.fall
      low = Self.crossing(from: mode, to: 0, below: floor, within: sd / 16, alpha, beta, logBeta)
      high = Self.crossing(from: mode, to: 1, below: floor, within: sd / 16, alpha, beta, logBeta)
    }

    /// The density at x, from log x and log(1 − x), which every arm shares at a node.
    @inline(__always)
    func density(logX: Double, logRest: Double) -> Double {
      Double.exp((alpha - 1) * logX + (beta - 1) * logRest - logBeta)
    }

    static func logDensity(_ x: Double, _ a: Double, _ b: Double, _ logBeta: Double) -> Double {
      // (α − 1)·log x is 0 at x = 0 when α = 1, not 0·(−∞).
      let left = a == 1 ? 0 : (a - 1) * Double.log(x)
      let right = b == 1 ? 0 : (b - 1) * Double.log(onePlus: -x)
      return left + right - logBeta
    }

    /// A point between `from` (the mode) and `to` beyond which the log-density stays under
    /// `floor` (it falls monotonically away from the mode); `to` when it never gets there. The
    /// point need not be sharp, only on the far side of the crossing and `within` of it: a
    /// sixteenth of a standard deviation widens the span by a fraction of a panel.
    static func crossing(
      from: Double, to: Double, below floor: Double, within: Double, _ a: Double, _ b: Double, _ logBeta: Double
    ) -> Double {
      guard logDensity(to, a, b, logBeta) < floor else { return to }
      var inside = from
      var outside = to
      for _ in 0..<30 where abs(outside - inside) > within {
        let mid = (inside + outside) / 2
        if logDensity(mid, a, b, logBeta) >= floor { inside = mid } else { outside = mid }
      }
      return outside
    }
  }

  /// A Gauss–Legendre rule on [-1, 1] and its running integrals: `running[j·n + m]` is
  /// ∫_{-1}^{t_j} ℓ_m(t) dt for the Lagrange polynomial ℓ_m of node m, so Σ_m running[j·n + m]·f(t_m)
  /// is the integral of f from -1 to node j (exact for polynomials of degree below n).
  ///
  /// `columns[m]` holds node m's column of `running` (its weight in the integral up to each node),
  /// so that one vector step adds node m's term to the sums of all nodes.
  struct Rule {
    static let points = 16
    let nodes: [Double]
    let weights: [Double]
    let columns: [SIMD16<Double>]

    init() {
      let n = Self.points
      (nodes, weights) = BetaMax.gaussLegendre(points: n)
      var running = [Double](repeating: 0, count: n * n)
      for j in 0..<n {
        // ℓ_m has degree n − 1, so the same rule mapped onto [-1, t_j] integrates it exactly.
        let half = (nodes[j] + 1) / 2
        for m in 0..<n {
          var sum = 0.0
          for (t, w) in zip(nodes, weights) {
            let x = -1 + half * (t + 1)
            var lagrange = 1.0
            for q in 0..<n where q != m { lagrange *= (x - nodes[q]) / (nodes[m] - nodes[q]) }
            sum += w * lagrange
          }
          running[j * n + m] = half * sum
        }
      }
      columns = (0..<n).map { m in SIMD16((0..<n).map { j in running[j * n + m] }) }
    }
  }

  /// The n-point Gauss–Legendre rule on [-1, 1]: the roots of P_n by Newton's method from the
  /// usual cosine guesses, weights 2 / ((1 − x²) P_n'(x)²).
  static func gaussLegendre(points n: Int) -> (nodes: [Double], weights: [Double]) {
    var nodes: [Double] = []
    var weights: [Double] = []
    for i in 1...n {
      var x = Double.cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5))
      var derivative = 0.0
      for _ in 0..<100 {
        var previous = 1.0
        var current = x
        for j in 2...n {
          let next = ((2 * Double(j) - 1) * x * current - (Double(j) - 1) * previous) / Double(j)
          previous = current
          current = next
        }
        derivative = Double(n) * (x * current - previous) / (x * x - 1)
        let step = current / derivative
        x -= step
        if abs(step) < 1e-16 { break }
      }
      nodes.append(x)
      weights.append(2 / ((1 - x * x) * derivative * derivative))
    }
    return (nodes, weights)
  }
}
