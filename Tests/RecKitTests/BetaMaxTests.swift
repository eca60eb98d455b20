import Foundation
import Testing

@testable import RecEngine

/// Thompson sampling's exact action probabilities against independent computations: the closed
/// form for two arms with integer parameters, and for three arms the integrand as the polynomial
/// it is when parameters are integers (each F a binomial tail), integrated by a rule of enough
/// points to be exact.
@Suite struct BetaMaxTests {
  func probabilities(_ params: [(Double, Double)]) -> [Double]? {
    var p = [Double](repeating: .nan, count: params.count)
    let ok = p.withUnsafeMutableBufferPointer {
      BetaMax.probabilities(alpha: params.map(\.0), beta: params.map(\.1), into: $0)
    }
    return ok ? p : nil
  }

  func logBeta(_ a: Double, _ b: Double) -> Double { lgamma(a) + lgamma(b) - lgamma(a + b) }

  /// P(X_B > X_A) for X_A ~ Beta(aA, bA), X_B ~ Beta(aB, bB), aB an integer:
  /// Σ_{i<aB} B(aA + i, bA + bB) / ((bB + i) B(1 + i, bB) B(aA, bA)).
  func secondWins(_ aA: Double, _ bA: Double, _ aB: Double, _ bB: Double) -> Double {
    (0..<Int(aB)).reduce(0.0) { sum, i in
      let i = Double(i)
      return sum + exp(logBeta(aA + i, bA + bB) - log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA))
    }
  }

  @Test func twoArmsMatchTheClosedForm() throws {
    for (a, b) in [((1.0, 1.0), (2.0, 1.0)), ((3, 7), (4, 5)), ((12, 40), (9, 25)), ((101, 903), (88, 790))] {
      let p = try #require(probabilities([a, b]))
      let expected = secondWins(a.0, a.1, b.0, b.1)
      #expect(abs(p[1] - expected) < 1e-12, "\(a) vs \(b): \(p[1]) vs \(expected)")
      #expect(abs(p[0] + p[1] - 1) < 1e-15)
    }
  }

  @Test func armsOfVeryDifferentWidthsMatchTheClosedForm() throws {
    // The closed form loses digits to log Γ of large arguments; these shapes keep it exact to 1e-12.
    let shapes: [(Double, Double)] = [(1, 1), (1, 9), (9, 1), (2, 300), (40, 60), (700, 300), (3, 2)]
    var worst = 0.0
    for a in shapes {
      for b in shapes where a != b {
        let p = try #require(probabilities([a, b]))
        worst = max(worst, abs(p[1] - secondWins(a.0, a.1, b.0, b.1)))
      }
    }
    #expect(worst < 1e-12)
  }

  @Test func aUniformArmBeatsANarrowOneByItsMean() throws {
    // P(U > X) for X ~ Beta(1, n) is E[1 − X] = n / (n + 1).
    let p = try #require(probabilities([(1, 2000), (1, 1)]))
    #expect(abs(p[1] - 2000.0 / 2001) < 1e-14)
  }

  @Test func largeCountsMatchTheClosedForm() throws {
    let p = try #require(probabilities([(5001, 4999), (4101, 3900)]))
    #expect(abs(p[1] - secondWins(5001, 4999, 4101, 3900)) < 1e-10)
  }

  /// F(x) of Beta(a, b) with integer a, b: P(Binomial(a + b − 1, x) ≥ a).
  func binomialTail(_ x: Double, _ a: Int, _ b: Int) -> Double {
    let n = a + b - 1
    var sum = 0.0
    for j in a...n {
      let choose: Double = exp(lgamma(Double(n + 1)) - lgamma(Double(j + 1)) - lgamma(Double(n - j + 1)))
      sum += choose * pow(x, Double(j)) * pow(1 - x, Double(n - j))
    }
    return sum
  }

  @Test func threeArmsMatchThePolynomialIntegral() throws {
    let params = [(3, 9), (5, 11), (2, 8)]
    let p = try #require(probabilities(params.map { (Double($0.0), Double($0.1)) }))
    // The integrand's degree is below 40; a 30-point rule on [0, 1] integrates it exactly.
    let rule = BetaMax.gaussLegendre(points: 30)
    for a in params.indices {
      var sum = 0.0
      for (t, w) in zip(rule.nodes, rule.weights) {
        let x = (t + 1) / 2
        let (alpha, beta) = (Double(params[a].0), Double(params[a].1))
        var term = w / 2 * exp((alpha - 1) * log(x) + (beta - 1) * log(1 - x) - logBeta(alpha, beta))
        for b in params.indices where b != a { term *= binomialTail(x, params[b].0, params[b].1) }
        sum += term
      }
      #expect(abs(p[a] - sum) < 1e-13, "arm \(a): \(p[a]) vs \(sum)")
    }
  }

  @Test func identicalPosteriorsShareEvenly() throws {
    let third: Double = 1.0 / 3
    #expect(try #require(probabilities([(4, 6), (4, 6), (4, 6)])) == [third, third, third])
  }

  @Test func aParameterBelowOneIsLeftToDraws() {
    #expect(probabilities([(0.5, 1), (2, 3)]) == nil)
  }

  @Test func aFractionalParameterAtAnEndOfTheSpanIsLeftToDraws() {
    // Beta(1.5, 4)'s density has an unbounded second derivative at 0, inside the span.
    #expect(probabilities([(1.5, 4), (2, 3)]) == nil)
    // Away from the ends a fractional parameter is as smooth as any.
    #expect(probabilities([(40.5, 60), (50, 50.5)]) != nil)
  }
}
