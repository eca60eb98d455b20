import RecCore

/// A split method with its values evaluated: what `Splitter.split` needs.
public enum SplitRule: Sendable, Equatable {
  /// Rows with `at` at or after the cut (seconds) go to test.
  case time(at: Int)
  /// Per member, by time: the last max(1, ⌊p·n⌋) of a member's n rows go to test.
  case memberLastFraction(Double)
  /// Per member, by time: the last min(k, n) rows go to test (`last 1` is leave-one-out).
  case memberLastCount(Int)
  /// Per row: a uniform draw keyed by the seed and the row's identity (member, title, at); the
  /// row goes to test when it is below p.
  case random(fraction: Double, seed: UInt64)
}

/// The "now" of a split, as of which pages are built so nothing leaks from the future.
public enum SplitNow: Sendable, Equatable {
  /// A global cut time, in seconds.
  case cut(Int)
  /// Each member's first test time, in seconds, by member id.
  case perMember([Int: Int])
}

/// The two halves of a split and its "now" (nil for a random split, which has no cut).
public struct SplitResult: Sendable {
  public var train: Table
  public var test: Table
  public var now: SplitNow?
}

/// The three forms of `split` (LANGUAGE.md §2), with exact rules so results match other
/// tools to the last digit. Rows keep their original relative order in both halves.
public enum Splitter {
  /// Splits `t` (which needs `at`; per-member forms also `member` and, for ties, `title`)
  /// into train and test. `name` and `range` locate errors about missing columns.
  /// - Complexity: O(n) for time and random splits; per member O(n) expected (each member's
  ///   test rows are selected, not sorted), both cores.
  public static func split(
    _ t: Table, by rule: SplitRule, name: String, at range: SourceRange?, cancellation: Cancellation = .never
  ) throws(Diagnostic) -> SplitResult {
    let at = try column("at", of: t, name: name, at: range)
    // Times in seconds; a date column counts from its midnight.
    let scale = at.type == .date ? 86400 : 1
    var toTest: [Bool]
    var now: SplitNow?
    switch rule {
    case .time(let cut):
      toTest = [Bool](repeating: false, count: t.count)
      at.forEachInteger { i, v in
        if v != Int.min, seconds(v, scale: scale) >= cut { toTest[i] = true }
      }
      now = .cut(cut)
    case .random(let p, let seed):
      toTest = rowKeys(t).map { KeyedRandom.uniform(seed: seed, .split, unit: $0, replicate: 0) < p }
    case .memberLastFraction, .memberLastCount:
      let members = try column("member", of: t, name: name, at: range)
      let last = { (n: Int) -> Int in
        switch rule {
        case .memberLastFraction(let p): max(1, lastCount(fraction: p, of: n))
        case .memberLastCount(let k): min(k, n)
        default: 0
        }
      }
      let split = try MemberSplit.lastRows(
        members: members, times: at, titles: t["title"], scale: scale, count: last, cancellation: cancellation)
      toTest = split.toTest
      now = .perMember(split.firstTest)
    }
    let (train, test) = t.partitioned(by: toTest)
    return SplitResult(train: train, test: test, now: now)
  }

  /// ⌊p·n⌋ in integer arithmetic on p in parts per million, so that `last 20%` takes exactly
  /// n * 20 / 100 (in floating point, 0.29 * 100 is 28.999…, which would floor to 28).
  static func lastCount(fraction p: Double, of n: Int) -> Int {
    n * Int((p * 1_000_000).rounded()) / 1_000_000
  }

  /// `v` in seconds: a date column's day `v` counts from its midnight (saturated, never trapping).
  @inline(__always)
  static func seconds(_ v: Int, scale: Int) -> Int {
    guard scale != 1 else { return v }
    let (product, overflow) = v.multipliedReportingOverflow(by: scale)
    return overflow ? (v < 0 ? Int.min + 1 : Int.max) : product
  }

  /// Each row's identity for a random split: its member, title and time folded into one key, so
  /// that a row's side does not depend on where it stands in the table. A missing column counts
  /// as one value for every row; rows equal in all three land on the same side.
  static func rowKeys(_ t: Table) -> [UInt64] {
    let member = identities(t["member"], count: t.count)
    let title = identities(t["title"], count: t.count)
    let at = identities(t["at"], count: t.count)
    return (0..<t.count).map { KeyedRandom.key(member[$0], title[$0], at[$0]) }
  }

  /// The values of a column as 64 bits: an integer's own bits, a text's bucket hash (its UTF-8
  /// bytes, as Iceberg hashes a string); 0 for a missing column or value of another kind.
  private static func identities(_ column: Column?, count: Int) -> [UInt64] {
    guard let column else { return [UInt64](repeating: 0, count: count) }
    if let integers = column.integers { return (0..<count).map { UInt64(bitPattern: Int64(integers[$0])) } }
    guard case .string(let codes, let dictionary) = column.storage else { return [UInt64](repeating: 0, count: count) }
    let hashes = dictionary.strings.map { UInt64(UInt32(bitPattern: Murmur3.hash(bytes: Array($0.utf8)))) }
    return codes.map { $0 >= 0 && Int($0) < hashes.count ? hashes[Int($0)] : UInt64.max }
  }

  private static func column(_ c: String, of t: Table, name: String, at range: SourceRange?) throws(Diagnostic) -> Column {
    guard let column = t[c], column.type.isIntBacked else {
      throw Diagnostic(.unknownColumn(c, in: name, known: t.names), at: range)
    }
    return column
  }
}
