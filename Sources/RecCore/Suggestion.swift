/// The optimal-string-alignment distance between two names, compared case-insensitively:
/// insertions, deletions, substitutions and swaps of neighbours (`plyas` → `plays`) cost one.
/// - Complexity: O(a·b).
func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.lowercased().utf8)
  let y = Array(b.lowercased().utf8)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  let width = y.count + 1
  var d = [Int](repeating: 0, count: (x.count + 1) * width)
  for i in 0...x.count { d[i * width] = i }
  for j in 0...y.count { d[j] = j }
  for i in 1...x.count {
    for j in 1...y.count {
      let cost = x[i - 1] == y[j - 1] ? 0 : 1
      var best = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
      if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
        best = min(best, d[(i - 2) * width + j - 2] + 1)
      }
      d[i * width + j] = best
    }
  }
  return d[x.count * width + y.count]
}

/// The known name closest to `name`, if it is close enough to be a slip of the keys:
/// at most a third of the name's length in edits (at least one, at most three).
/// Ties go to the name listed first.
///
/// Names whose lengths differ by more than the limit are never compared (their distance is at
/// least that difference), so a name of any length costs O(length) plus O(a·b) for the few
/// known names about as long.
package func nearest(to name: String, among known: [String]) -> String? {
  let length = name.count
  let limit = min(3, max(1, length / 3))
  var best: (name: String, distance: Int)?
  for candidate in known where candidate != name && abs(candidate.count - length) <= limit {
    let d = editDistance(name, candidate)
    if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
  }
  return best?.name
}

/// The near name as `nearest(to:among:)` finds it, or else the one name that `name`
/// abbreviates: its letters in order, starting with the same letter (`cnt` → `count`);
/// the shortest such name, the first listed on a tie. A near name that changes the first letter
/// gives way to an abbreviation that keeps it: `cnt` means `count` more often than `int`.
func nearestOrExpansion(to name: String, among known: [String]) -> String? {
  let near = nearest(to: name, among: known)
  if let near, near.lowercased().first == name.lowercased().first { return near }
  return expansion(of: name, among: known) ?? near
}

/// The shortest name that `name` abbreviates, if any.
private func expansion(of name: String, among known: [String]) -> String? {
  // An abbreviation is shorter than what it abbreviates.
  guard known.contains(where: { $0.utf8.count > name.utf8.count }) else { return nil }
  let short = Array(name.lowercased())
  let expansions = known.filter { candidate in
    let long = Array(candidate.lowercased())
    guard short.count >= 2, long.first == short.first else { return false }
    var i = 0
    for ch in long where i < short.count && ch == short[i] { i += 1 }
    return i == short.count
  }
  return expansions.min { $0.count < $1.count }
}
