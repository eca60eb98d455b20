#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import RecCore

/// How much memory one statement may ask for before it starts, so that a statement whose result
/// cannot fit (a join that multiplies rows) stops with an error that names its size instead of
/// taking the machine's memory and ending in the out-of-memory killer. The session lives on.
///
/// Statements estimate what they are about to allocate from counts they find first (a join
/// counts its output rows before it makes them); `set memory "8GB"` changes the budget.
public struct MemoryBudget: Sendable, Equatable {
  /// The budget in bytes.
  public var bytes: Int

  public init(bytes: Int) { self.bytes = bytes }

  /// Half the machine's physical memory: room for the session's tables beside the result.
  public static let standard = MemoryBudget(bytes: max(physicalMemory / 2, 1 << 30))

  static var physicalMemory: Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let size = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, size > 0 else { return 8 << 30 }
    let (total, overflow) = pages.multipliedReportingOverflow(by: size)
    return overflow ? Int.max : total
  }

  /// Throws when `bytes` (nil when the count itself overflowed) is over the budget; `what` names
  /// the result ("a join of 1,700,000,000 rows") and `range` the statement part that asked.
  func check(_ bytes: Int?, for what: String, at range: SourceRange?) throws(Diagnostic) {
    if let bytes, bytes <= self.bytes { return }
    throw Diagnostic(
      .overMemoryBudget(what, needs: bytes.map(Self.spelled) ?? "more than 8 EB", budget: Self.spelled(self.bytes)),
      at: range)
  }

  /// `bytes` for a person: `1.5 GB`, `512 MB`, `300 KB`, `12 B` (powers of 1,024).
  public static func spelled(_ bytes: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(bytes) B" }
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return text + " " + units[unit]
  }

  /// `"8GB"`, `"512 MB"`, `"1.5GB"`, `"2TB"` (powers of 1,024; `B` alone for bytes); nil for
  /// anything else, zero or a size beyond 64 bits.
  public static func parse(_ text: String) -> Int? {
    let trimmed = text.filter { $0 != " " }.uppercased()
    let units: [(String, Double)] = [("TB", 0x1p40), ("GB", 0x1p30), ("MB", 0x1p20), ("KB", 0x1p10), ("B", 1)]
    guard let (suffix, scale) = units.first(where: { trimmed.hasSuffix($0.0) }),
      let number = Double(trimmed.dropLast(suffix.count)), number.isFinite, number > 0
    else { return nil }
    let bytes = (number * scale).rounded(.down)
    guard bytes >= 1, bytes < 0x1p63 else { return nil }
    return Int(bytes)
  }
}
