import RealModule

/// The distribution functions significance tests need (paired comparisons in `eval`, A/B
/// analysis): the standard normal, Student's t and chi-square, from the error function and the
/// regularised incomplete beta and gamma functions.
package enum Distributions {
  /// P(Z ≤ z) for a standard normal Z.
  static func normalCDF(_ z: Double) -> Double {
    0.5 * Double.erfc(-z / 2.0.squareRoot())
  }

  /// The two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|).
  static func normalTwoSided(_ z: Double) -> Double {
    Double.erfc(abs(z) / 2.0.squareRoot())
  }

  /// The z with P(Z ≤ z) = p, by bisection on `normalCDF` (to full double precision).
  static func normalQuantile(_ p: Double) -> Double {
    bisect(low: -40, high: 40) { normalCDF($0) < p }
  }

  /// P(|T| ≥ |t|) for Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).
  static func tTwoSided(_ t: Double, df: Double) -> Double {
    guard t.isFinite else { return t.isNaN ? .nan : 0 }
    return regularizedBeta(df / (df + t * t), df / 2, 0.5)
  }

  /// The t with P(T ≤ t) = p for p > 0.5, by bisection.
  static func tQuantile(_ p: Double, df: Double) -> Double {
    bisect(low: 0, high: 1e6) { 1 - tTwoSided($0, df: df) / 2 < p }
  }

  /// P(X ≥ x) for chi-square X with `df` degrees of freedom: Q(df/2, x/2).
  static func chiSquareSurvival(_ x: Double, df: Double) -> Double {
    guard x > 0 else { return 1 }
    return 1 - regularizedGammaP(df / 2, x / 2)
  }

  /// The point where `isBelow` turns from true to false.
  private static func bisect(low: Double, high: Double, _ isBelow: (Double) -> Bool) -> Double {
    var lo = low
    var hi = high
    for _ in 0..<200 {
      let mid = lo / 2 + hi / 2
      if mid == lo || mid == hi { break }
      if isBelow(mid) { lo = mid } else { hi = mid }
    }
    return lo / 2 + hi / 2
  }

  /// I_x(a, b), by the continued fraction (modified Lentz), using the symmetry for x beyond the
  /// mean; `logBeta`, log B(a, b), when the caller evaluates many x for the same a and b.
  static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double, logBeta: Double? = nil) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logB = logBeta ?? Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
    let front = Double.exp(a * Double.log(x) + b * Double.log(onePlus: -x) - logB)
    if x < (a + 1) / (a + b + 2) { return front * betaFraction(x, a, b) / a }
    return 1 - front * betaFraction(1 - x, b, a) / b
  }

  private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + even * d
      if abs(d) < tiny { d = tiny }
      c = 1 + even / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + odd * d
      if abs(d) < tiny { d = tiny }
      c = 1 + odd / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return h
  }

  /// P(a, x), the regularised lower incomplete gamma function: a series below a + 1, else 1 − the
  /// continued fraction of Q.
  static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    if x <= 0 { return 0 }
    let logFront = a * Double.log(x) - x - Double.logGamma(a)
    if x < a + 1 {
      var term = 1 / a
      var sum = term
      var n = a
      for _ in 0..<100_000 {
        n += 1
        term *= x / n
        sum += term
        if abs(term) < abs(sum) * 1e-17 { break }
      }
      return sum * Double.exp(logFront)
    }
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1...100_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return 1 - Double.exp(logFront) * h
  }
}
