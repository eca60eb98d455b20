import RealModule

extension SeededRandom {
  /// A Gamma(shape, 1) draw: Marsaglia and Tsang's method, boosted by U^(1/shape) below shape 1.
  mutating func gamma(_ shape: Double) -> Double {
    precondition(shape > 0, "gamma shape must be positive")
    if shape < 1 {
      var u = uniform()
      while u <= 0 { u = uniform() }
      return gamma(shape + 1) * Double.pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniform()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if u > 0, Double.log(u) < 0.5 * x * x + d * (1 - v + Double.log(v)) { return d * v }
    }
  }

  /// A Beta(a, b) draw from two Gamma draws.
  mutating func beta(_ a: Double, _ b: Double) -> Double {
    let x = gamma(a)
    let y = gamma(b)
    return x / (x + y)
  }
}
