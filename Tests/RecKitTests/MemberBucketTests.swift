import Testing

@testable import RecEngine

/// The bucket hash against the test vectors of the Iceberg spec, Appendix B
/// (apache/iceberg format/spec.md, "32-bit Hash Requirements").
@Suite struct MemberBucketTests {
  @Test func longsHashAsTheSpecSays() {
    #expect(Murmur3.hash(long: 34) == 2_017_239_379)
    // date 2017-11-16: day 17486 since the epoch, hashed as a long.
    #expect(Murmur3.hash(long: 17_486) == -653_330_422)
    // timestamp 2017-11-16T22:31:08 and one microsecond later, in microseconds.
    #expect(Murmur3.hash(long: 1_510_871_468_000_000) == -2_047_944_441)
    #expect(Murmur3.hash(long: 1_510_871_468_000_001) == -1_207_196_810)
    // double 1.0 and 0.0 through doubleToLongBits.
    #expect(Murmur3.hash(long: Int64(bitPattern: 1.0.bitPattern)) == -142_385_009)
    #expect(Murmur3.hash(long: 0) == 1_669_671_676)
  }

  @Test func bytesHashAsTheSpecSays() {
    #expect(Murmur3.hash(bytes: Array("iceberg".utf8)) == 1_210_000_089)
    #expect(Murmur3.hash(bytes: [0, 1, 2, 3] as [UInt8]) == -188_683_207)
    let uuid: [UInt8] = [0xF7, 0x9C, 0x3E, 0x09, 0x67, 0x7C, 0x4B, 0xBD, 0xA4, 0x79, 0x3F, 0x34, 0x9C, 0xB7, 0x85, 0xE7]
    #expect(Murmur3.hash(bytes: uuid) == 1_488_055_340)
  }

  @Test func aLongHashesAsItsLittleEndianBytes() {
    for v: Int64 in [0, 1, -1, 34, 1 << 40, .min, .max, 123_456_789] {
      let bytes = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> (8 * $0)) }
      #expect(Murmur3.hash(long: v) == Murmur3.hash(bytes: bytes))
    }
  }

  @Test func bucketIsTheHashMaskedAndReduced() {
    // (2017239379 & INT_MAX) % 1024 = 2017239379 % 1024 = 851; for a negative hash the mask
    // clears the sign bit first.
    #expect(MemberBucket.of(34) == 2_017_239_379 % 1_024)
    #expect(MemberBucket.of(17_486) == Int((-653_330_422 as Int32) & Int32.max) % 1_024)
    for id: Int64 in [-5, 0, 7, .min, .max] { #expect((0..<MemberBucket.count).contains(MemberBucket.of(id))) }
  }
}
