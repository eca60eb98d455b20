/// The Iceberg bucket transform of a member id, with 1,024 buckets: murmur3_x86_32 (seed 0) of
/// the id's 8 little-endian bytes, as Iceberg hashes a `long`, `& Int32.max`, `% 1024`.
///
/// Every engine that writes an Iceberg table bucketed by member computes the same bucket, so the
/// bucket is the unit of the fixed reduction order and of the bootstrap's blocks: a member's
/// rows always fall in the same one of 1,024 blocks, whatever order or process reads them.
package enum MemberBucket {
  /// The number of buckets; any bucket count dividing it keeps whole buckets together, since
  /// `bucket_N = bucket_1024 mod N`.
  package static let count = 1_024

  /// The bucket of `id`, in `0 ..< count`.
  @inline(__always)
  package static func of(_ id: Int64) -> Int {
    Int(Murmur3.hash(long: id) & Int32.max) % count
  }
}

/// murmur3_x86_32 with seed 0, the 32-bit hash of the Iceberg spec (Appendix B); the wrapping
/// arithmetic is the algorithm's own.
package enum Murmur3 {
  private static let c1: UInt32 = 0xcc9e_2d51
  private static let c2: UInt32 = 0x1b87_3593

  /// The hash of a `long` as Iceberg hashes one: its 8 bytes, little-endian.
  @inline(__always)
  package static func hash(long v: Int64) -> Int32 {
    let bits = UInt64(bitPattern: v)
    var h = mixBlock(0, UInt32(truncatingIfNeeded: bits))
    h = mixBlock(h, UInt32(truncatingIfNeeded: bits >> 32))
    return Int32(bitPattern: finish(h, length: 8))
  }

  /// The hash of `bytes` (a string's UTF-8, a binary value).
  package static func hash(bytes: some Collection<UInt8>) -> Int32 {
    var h: UInt32 = 0
    var block: UInt32 = 0
    var filled = 0
    for byte in bytes {
      block |= UInt32(byte) << (8 * UInt32(filled))
      filled += 1
      if filled == 4 {
        h = mixBlock(h, block)
        block = 0
        filled = 0
      }
    }
    if filled > 0 { h ^= mixKey(block) }
    return Int32(bitPattern: finish(h, length: bytes.count))
  }

  @inline(__always)
  private static func mixKey(_ k: UInt32) -> UInt32 {
    var k = k &* c1
    k = k << 15 | k >> 17
    return k &* c2
  }

  @inline(__always)
  private static func mixBlock(_ h: UInt32, _ k: UInt32) -> UInt32 {
    var h = h ^ mixKey(k)
    h = h << 13 | h >> 19
    return h &* 5 &+ 0xe654_6b64
  }

  @inline(__always)
  private static func finish(_ h: UInt32, length: Int) -> UInt32 {
    var h = h ^ UInt32(truncatingIfNeeded: length)
    h ^= h >> 16
    h = h &* 0x85eb_ca6b
    h ^= h >> 13
    h = h &* 0xc2b2_ae35
    return h ^ h >> 16
  }
}
