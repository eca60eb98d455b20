import RealModule

/// Student's t distribution with `df` degrees of freedom, through the regularised incomplete
/// beta function (Lentz's continued fraction, as in Numerical Recipes §6.4).
struct StudentT: Sendable {
  var df: Double

  /// P(|T| ≥ |t|): the two-sided p-value of `t`.
  func twoSidedP(_ t: Double) -> Double {
    guard t.isFinite else { return t.isNaN ? .nan : 0 }
    return Self.incompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
  }

  /// The t with P(T ≤ t) = p, by bisection on the two-sided p-value (for 0.5 < p < 1).
  func quantile(_ p: Double) -> Double {
    let target = 2 * (1 - p)
    var low = 0.0
    var high = 1.0
    while twoSidedP(high) > target { high *= 2 }
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if twoSidedP(mid) > target { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }

  /// I_x(a, b), the regularised incomplete beta function.
  static func incompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
      + a * Double.log(x) + b * Double.log(1 - x)
    let front = Double.exp(logFront)
    // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
    if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
    return 1 - front * continuedFraction(1 - x, b, a) / b
  }

  private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...500 {
      let m = Double(m)
      var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let step = d * c
      h *= step
      if abs(step - 1) < 1e-16 { break }
    }
    return h
  }
}
