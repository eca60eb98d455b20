import Testing

@testable import RecEngine

@Suite struct MostlyNumbersTests {
  func text(_ values: [String?]) -> Column {
    Column(type: .string, values: values.map { $0.map(Value.string) ?? .null })
  }

  /// At most max(3, 1% of the present values) may break the type: 3 of 4 here, not 4 of 5.
  @Test func aFewStrayValuesAreMadeMissingAndNamed() throws {
    let (fixed, repair) = try #require(MostlyNumbers.repair(text(["1", "a", "b", "c", "2", nil, "NA"]), named: "n"))
    #expect(fixed.type == .int)
    #expect((0..<7).map { fixed.value(at: $0) } == [.int(1), .null, .null, .null, .int(2), .null, .null])
    #expect(repair?.bad == 3)
    #expect(repair?.message == "column 'n': 3 values are not integers (data row 2: \"a\", data row 3: \"b\", data row 4: \"c\"); read as missing")
    #expect(MostlyNumbers.repair(text(["1", "a", "b", "c", "d"]), named: "n") == nil)
  }

  @Test func oneFloatMakesAFloatColumnAndMarkersGoQuietly() throws {
    let (fixed, repair) = try #require(MostlyNumbers.repair(text(["1", "2.5", "\\N", "NaN"]), named: "x"))
    #expect(fixed.type == .float)
    #expect(fixed.value(at: 1) == .float(2.5))
    #expect(repair == nil)
  }

  /// Leading zeros mark codes (zip codes, ids): the column stays text; so does a column with no
  /// number at all, and the least 64-bit integer is no number.
  @Test func codesAndTextStayText() {
    #expect(MostlyNumbers.repair(text(["02139", "10001", "K1A0B1"]), named: "zip") == nil)
    #expect(MostlyNumbers.repair(text(["a", "b"]), named: "t") == nil)
    let least = MostlyNumbers.repair(text(["-9223372036854775808", "1"]), named: "v")
    #expect(least?.1?.bad == 1)
  }
}
