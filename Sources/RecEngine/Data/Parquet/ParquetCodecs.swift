import CLZ4
import CSnappy
import CZlib
import CZstd

/// The compression codecs of Parquet pages, through the system's libraries. Each page says how
/// large it is uncompressed, so every codec decompresses into a buffer of exactly that size,
/// and a page that does not fill it exactly is damaged.
enum ParquetCodecs {
  /// `CompressionCodec` values of parquet.thrift.
  static let names: [Int32: String] = [
    0: "UNCOMPRESSED", 1: "SNAPPY", 2: "GZIP", 3: "LZO", 4: "BROTLI", 5: "LZ4", 6: "ZSTD", 7: "LZ4_RAW",
  ]

  /// Pages larger than this uncompressed are refused unless their compressed size makes them
  /// plausible (codecs rarely shrink data more than 4096 times).
  static let maximumPageBytes = 1 << 26

  /// `input` decompressed with `codec` into `size` bytes.
  static func decompress(_ input: UnsafeBufferPointer<UInt8>, codec: Int32, size: Int) throws(ParquetError) -> [UInt8] {
    // A page says how large it is uncompressed; a damaged size must not allocate gigabytes.
    guard size >= 0, size <= max(input.count * 4096, maximumPageBytes) else {
      throw ParquetError("a page of \(input.count) bytes says it holds \(size) uncompressed")
    }
    if codec == 0 {
      guard input.count == size else {
        throw ParquetError("an uncompressed page of \(input.count) bytes says it holds \(size)")
      }
      return Array(input)
    }
    var output = [UInt8](repeating: 0, count: size)
    let ok = output.withUnsafeMutableBufferPointer { out -> Bool? in
      switch codec {
      case 1: snappy(input, out)
      case 2: gzip(input, out)
      case 5: lz4Hadoop(input, out) || lz4Raw(input, out)
      case 6: zstd(input, out)
      case 7: lz4Raw(input, out)
      default: nil
      }
    }
    guard let ok else {
      throw ParquetError("the page is compressed with \(names[codec] ?? "codec \(codec)"), which rec does not read")
    }
    guard ok else { throw ParquetError("the \(names[codec] ?? "") data of the page is damaged") }
    return output
  }

  private static func snappy(_ input: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    guard let source = input.baseAddress else { return out.isEmpty }
    var length = 0
    guard snappy_uncompressed_length(source, input.count, &length) == SNAPPY_OK, length == out.count else {
      return false
    }
    guard let target = out.baseAddress else { return true }
    return source.withMemoryRebound(to: CChar.self, capacity: input.count) { s in
      target.withMemoryRebound(to: CChar.self, capacity: out.count) { t in
        snappy_uncompress(s, input.count, t, &length) == SNAPPY_OK && length == out.count
      }
    }
  }

  /// A gzip stream (zlib's automatic header detection also takes a bare zlib stream).
  private static func gzip(_ input: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    // zlib counts in 32 bits: larger pages are refused before any count is narrowed.
    guard input.count <= UInt32.max, out.count <= UInt32.max else { return false }
    var stream = z_stream()
    guard rec_inflateInit2(&stream, 15 + 32) == Z_OK else { return false }
    defer { inflateEnd(&stream) }
    // An empty page still has a stream to finish; zlib needs somewhere to point at.
    var spare: UInt8 = 0
    return withUnsafeMutablePointer(to: &spare) { spare in
      stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
      stream.avail_in = UInt32(input.count)
      stream.next_out = out.baseAddress ?? spare
      stream.avail_out = UInt32(out.count)
      return inflate(&stream, Z_FINISH) == Z_STREAM_END && stream.total_out == out.count
    }
  }

  private static func zstd(_ input: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    let written = ZSTD_decompress(out.baseAddress, out.count, input.baseAddress, input.count)
    return ZSTD_isError(written) == 0 && written == out.count
  }

  /// A bare LZ4 block (LZ4_RAW).
  private static func lz4Raw(_ input: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    guard input.count <= Int32.max, out.count <= Int32.max else { return false }
    guard let source = input.baseAddress, let target = out.baseAddress else { return out.isEmpty }
    return source.withMemoryRebound(to: CChar.self, capacity: input.count) { s in
      target.withMemoryRebound(to: CChar.self, capacity: out.count) { t in
        LZ4_decompress_safe(s, t, Int32(input.count), Int32(out.count)) == Int32(out.count)
      }
    }
  }

  /// The Hadoop framing of the old LZ4 codec: blocks, each with its decompressed and compressed
  /// sizes as big-endian 32-bit integers. Writers that used bare blocks under this codec are
  /// read by `lz4Raw` when the framing does not fit.
  private static func lz4Hadoop(_ input: UnsafeBufferPointer<UInt8>, _ out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
    var at = 0
    var written = 0
    func bigEndian(_ i: Int) -> Int { input[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    while at < input.count {
      guard input.count - at >= 8 else { return false }
      let plain = bigEndian(at)
      let packed = bigEndian(at + 4)
      at += 8
      guard packed <= input.count - at, plain <= out.count - written else { return false }
      let block = UnsafeBufferPointer(rebasing: input[at..<at + packed])
      let target = UnsafeMutableBufferPointer(rebasing: out[written..<written + plain])
      guard lz4Raw(block, target) else { return false }
      at += packed
      written += plain
    }
    return written == out.count
  }
}
