import Foundation
import Testing

@testable import RecEngine

@Suite struct ExactSumsTests {
  func sum(_ values: [Double]) -> Double {
    var s = ExactSums(blocks: 2, lanes: 2)
    for x in values {
      var v = SIMD8<Double>()
      v[1] = x
      s.add(v, toBlock: 1)
    }
    #expect(s.value(block: 0, lane: 1) == 0 && s.value(block: 1, lane: 0) == 0)
    return s.value(block: 1, lane: 1)
  }

  @Test func cancellationAndRoundingAreExact() {
    #expect(sum([1e100, 1, -1e100]) == 1)
    #expect(sum([0x1p53, 1, 1]) == 0x1p53 + 2)
    // 2⁵³ + 1 + 2⁻³⁰ lies above the halfway point between two doubles: it rounds up, where a
    // running float sum loses both small terms.
    #expect(sum([0x1p53, 1, 0x1p-30]) == 0x1p53 + 2)
    #expect(sum([0x1p53, 1]) == 0x1p53)
    #expect(sum([0x1p53, 3]) == 0x1p53 + 4)
    // math.fsum gives -0.6; a running float sum gives -0.6000000000000001.
    #expect(sum([-0.1, -0.2, -0.3]) == -0.6)
    #expect(sum([.leastNonzeroMagnitude, .leastNonzeroMagnitude]) == 2 * .leastNonzeroMagnitude)
    #expect(sum([.greatestFiniteMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]) == .greatestFiniteMagnitude)
    #expect(sum([.greatestFiniteMagnitude, .greatestFiniteMagnitude]) == .infinity)
    #expect(sum([]) == 0)
    #expect(sum([1, .infinity]) == .infinity)
    #expect(sum([-.infinity, 1]) == -.infinity)
    #expect(sum([.infinity, -.infinity]).isNaN)
    #expect(sum([1, .nan]).isNaN)
  }

  /// Values on a grid of 2⁻⁴⁰ have an exact integer sum to compare with; large terms that cancel
  /// in pairs are mixed in, so a float sum in any order would lose the small ones.
  @Test func sumIsTheExactSumRoundedOnceInAnyOrder() {
    var random = SeededRandom(seed: 8)
    var values: [Double] = []
    var units = 0
    for _ in 0..<5_000 {
      let k = random.below(1 << 50) - (1 << 49)
      units += k
      values.append(Double(k) * 0x1p-40)
    }
    for e in [60, 300, 900] {
      let big = Double(sign: .plus, exponent: e, significand: 1)
      values += [big, -big]
    }
    let exact = Double(units) * 0x1p-40
    #expect(sum(values).bitPattern == exact.bitPattern)
    for _ in 0..<3 { #expect(sum(values.shuffled(using: &random)).bitPattern == exact.bitPattern) }
  }

  @Test func sumsAreIndependent() {
    var s = ExactSums(blocks: 2, lanes: 3)
    s.add(SIMD8(1.5, .infinity, -2, 7, 7, 7, 7, 7), toBlock: 1)
    s.add(SIMD8(0.25, 1, 0x1p-60, 7, 7, 7, 7, 7), toBlock: 1)
    s.add(SIMD8(3, 3, 3, 7, 7, 7, 7, 7), toBlock: 0)
    #expect(s.value(block: 1, lane: 0) == 1.75)
    #expect(s.value(block: 1, lane: 1) == .infinity)
    #expect(s.value(block: 1, lane: 2) == -2 + 0x1p-60)
    #expect((0..<3).allSatisfy { s.value(block: 0, lane: $0) == 3 })
  }

  /// Python's `math.fsum` (the exact sum, correctly rounded) of adversarial lists: values of
  /// every size, large terms cancelling over small ones, halfway cases, near-overflow terms;
  /// made once by `Fixtures/fsum/make_fsum.py`, every double as the hex of its bits.
  @Test func sumEqualsPythonsFsum() throws {
    struct Case: Decodable {
      var values: [String]
      var fsum: String
    }
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fsum/fsum.json")
    let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
    #expect(cases.count == 80)
    func double(_ hex: String) throws -> Double { Double(bitPattern: try #require(UInt64(hex, radix: 16))) }
    for c in cases {
      let values = try c.values.map(double)
      let expected = try double(c.fsum)
      #expect(sum(values).bitPattern == expected.bitPattern, "\(c.values)")
    }
  }
}
