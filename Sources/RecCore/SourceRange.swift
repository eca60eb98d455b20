/// A span of bytes in one source file.
public struct SourceRange: Sendable, Hashable {
  /// The file the span lies in.
  public let file: SourceFile
  /// Byte offsets into `file.bytes`.
  public let bytes: Range<Int>

  public init(file: SourceFile, bytes: Range<Int>) {
    self.file = file
    self.bytes = bytes
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    precondition(file === other.file, "ranges from different files")
    return SourceRange(
      file: file,
      bytes: min(bytes.lowerBound, other.bytes.lowerBound)..<max(bytes.upperBound, other.bytes.upperBound))
  }

  /// The source text under the range.
  public var text: String { file.text(bytes) }

  public static func == (a: SourceRange, b: SourceRange) -> Bool {
    a.file === b.file && a.bytes == b.bytes
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(file))
    hasher.combine(bytes)
  }
}
