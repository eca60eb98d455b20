import Testing

@testable import RecEngine

@Suite struct MemoryBudgetTests {
  @Test func sizesAreReadInPowersOf1024() {
    #expect(MemoryBudget.parse("8GB") == 8 << 30)
    #expect(MemoryBudget.parse("512 mb") == 512 << 20)
    #expect(MemoryBudget.parse("1.5GB") == 3 << 29)
    #expect(MemoryBudget.parse("2TB") == 2 << 40)
    #expect(MemoryBudget.parse("100B") == 100)
    for bad in ["", "GB", "8", "8 parsecs", "-1GB", "0GB", "infGB", "nanMB", "9000000000TB"] {
      #expect(MemoryBudget.parse(bad) == nil, "\(bad)")
    }
  }

  @Test func sizesAreSpelledToOneDecimal() {
    #expect(MemoryBudget.spelled(12) == "12 B")
    #expect(MemoryBudget.spelled(1 << 20) == "1 MB")
    #expect(MemoryBudget.spelled(3 << 29) == "1.5 GB")
    #expect(MemoryBudget.spelled(Int.max) == "8 EB")
  }

  @Test func theStandardBudgetIsHalfThePhysicalMemory() {
    #expect(MemoryBudget.standard.bytes == max(MemoryBudget.physicalMemory / 2, 1 << 30))
    #expect(MemoryBudget.physicalMemory > 0)
  }
}
