/// `intent(query)`: the catalog rule that tells a query looking for one title (`fetch`) from one
/// exploring a genre or a person (`explore`), from the catalog alone — no logged behaviour, so it
/// cannot leak an evaluation's answers into its features.
///
/// A query is lowercased and loses its leading blanks. It is `explore` when, trailing blanks
/// trimmed too, it is a genre's name or the name of a cast member or director of some title. It
/// is `fetch` when some title's lowercased name starts with it — trailing blanks kept, since
/// `"the "` asks for a word where `"the"` does not — or when it is one edit away from such a
/// prefix: a character dropped (for queries of 3 characters or more, so that the prefix meant had
/// at least 4), or a character added, replaced, or two neighbours swapped (4 or more); otherwise
/// `other`. Edits are Damerau–Levenshtein's (optimal string alignment) at distance 1.
///
/// Edits are found without trying every letter: a replacement at i matches when both strings
/// agree with their character i deleted, a dropped character when the query is the name prefix
/// with one character deleted, so each needed prefix length is indexed once by its deletions.
/// The indexes keep the catalog rows of each key, so the same rule retrieves the titles a query
/// reaches (`prefixRows`, the `prefix(typos: 1)` candidate source of search).
package struct SearchIntent: Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    case fetch, explore, other
  }

  /// Lowercased genre, cast and director names.
  private let named: Set<String>
  /// Lowercased title names, as characters, by catalog row (empty where the name is missing).
  private let names: [[Character]]
  /// The longest name's length: a longer query, even one edit shorter, is no name's prefix.
  private let longestName: Int
  /// Per prefix length L: the names' prefixes of that length, each with the rows that have it.
  private var prefixes: [Int: [[Character]: [Int32]]] = [:]
  /// Per prefix length L: each prefix with character i deleted, keyed with i (for replacements).
  private var withoutAt: [Int: [[Character]: [Int32]]] = [:]
  /// Per prefix length L: each prefix with any one character deleted (for insertions).
  private var withoutAny: [Int: [[Character]: [Int32]]] = [:]

  /// The rule over a catalog's `name` column and its `genres`, `cast` and `directors` lists
  /// (whichever it has); nil without a text `name` column.
  package init?(titles: Table) {
    guard let name = titles["name"], name.type == .string else { return nil }
    names = (0..<name.count).map { i in
      if case .string(let s) = name.value(at: i) { return Array(s.lowercased()) }
      return []
    }
    longestName = names.map(\.count).max() ?? 0
    var named: Set<String> = []
    for list in ["genres", "cast", "directors"] {
      guard let column = titles[list], case .list(_, _, let dict) = column.storage else { continue }
      for s in dict.strings { named.insert(Self.normalised(s)) }
    }
    self.named = named
  }

  /// Trimmed of blanks and lowercased.
  static func normalised(_ text: String) -> String {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !blank($0) }), let last = text.lastIndex(where: { !blank($0) }) else {
      return ""
    }
    return text[first...last].lowercased()
  }

  /// The intent of `query`.
  package mutating func classify(_ query: String) -> Kind {
    if named.contains(Self.normalised(query)) { return .explore }
    return prefixRows(query, typos: 1).isEmpty ? .other : .fetch
  }

  /// The catalog rows whose name starts with `query` (`typos: 0`), or, with `typos: 1`, also
  /// those within the one edit the fetch rule allows; ascending, each row once.
  package mutating func prefixRows(_ query: String, typos: Int) -> [Int] {
    let chars = Array(query.lowercased().drop { $0 == " " || $0 == "\t" })
    let n = chars.count
    guard n > 0, n <= longestName + 1, chars.contains(where: { $0 != " " && $0 != "\t" }) else { return [] }
    var rows = prefixMap(n)[chars] ?? []
    if typos > 0 {
      // A character dropped from the prefix meant: the query is that prefix minus one character.
      if n >= 3 { rows += deletedAny(n + 1)[chars] ?? [] }
      if n >= 4 {
        // A character added: the query minus one character is a shorter prefix.
        let shorter = prefixMap(n - 1)
        for i in 0..<n { rows += shorter[Self.deleting(i, from: chars)] ?? [] }
        // Two neighbours swapped.
        let same = prefixMap(n)
        for i in 0..<(n - 1) where chars[i] != chars[i + 1] {
          var swapped = chars
          swapped.swapAt(i, i + 1)
          rows += same[swapped] ?? []
        }
        // One character replaced: equal once character i is deleted from both.
        let replaced = deletedAt(n)
        for i in 0..<n { rows += replaced[Self.keyed(i, Self.deleting(i, from: chars))] ?? [] }
      }
    }
    // Ascending, each row once: a row reached by several edits is listed by each.
    rows.sort()
    var out: [Int] = []
    out.reserveCapacity(rows.count)
    for row in rows where out.last != Int(row) { out.append(Int(row)) }
    return out
  }

  private static func deleting(_ i: Int, from chars: [Character]) -> [Character] {
    var out = chars
    out.remove(at: i)
    return out
  }

  /// `chars` with the deleted position in front, as one key: distinct positions never collide.
  private static func keyed(_ i: Int, _ chars: [Character]) -> [Character] {
    [Character(Unicode.Scalar(UInt8(truncatingIfNeeded: i)))] + chars
  }

  /// Builds the prefix indexes that queries of these lengths read, once, so that copies made
  /// afterwards (one per core) share them instead of each building its own: a query of n
  /// letters reads those of lengths n − 1, n and n + 1, which one query of each length asks for.
  package mutating func prepare(for queries: some Sequence<String>) {
    let lengths = Set(queries.map { $0.lowercased().drop { $0 == " " || $0 == "\t" }.count })
    for n in lengths.sorted() where n > 0 { _ = prefixRows(String(repeating: "a", count: n), typos: 1) }
  }

  private mutating func prefixMap(_ length: Int) -> [[Character]: [Int32]] {
    if let known = prefixes[length] { return known }
    var map: [[Character]: [Int32]] = [:]
    for (row, name) in names.enumerated() where name.count >= length {
      map[Array(name.prefix(length)), default: []].append(Int32(row))
    }
    prefixes[length] = map
    return map
  }

  private mutating func deletedAt(_ length: Int) -> [[Character]: [Int32]] {
    if let known = withoutAt[length] { return known }
    var map: [[Character]: [Int32]] = [:]
    for (p, rows) in prefixMap(length) {
      for i in p.indices { map[Self.keyed(i, Self.deleting(i, from: p)), default: []].append(contentsOf: rows) }
    }
    withoutAt[length] = map
    return map
  }

  private mutating func deletedAny(_ length: Int) -> [[Character]: [Int32]] {
    if let known = withoutAny[length] { return known }
    var map: [[Character]: [Int32]] = [:]
    for (p, rows) in prefixMap(length) {
      for i in p.indices { map[Self.deleting(i, from: p), default: []].append(contentsOf: rows) }
    }
    withoutAny[length] = map
    return map
  }
}
