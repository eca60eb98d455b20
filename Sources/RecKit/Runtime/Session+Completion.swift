import Foundation

/// Tab completion from what the session knows: keywords, dot-commands, tables, columns,
/// definitions, and file names inside string literals. The front end only asks; it never
/// decides what a word may become.
extension Session {
  /// The characters that end the word being completed. The line editor must split words
  /// at exactly these, so that the candidates replace the word it sees.
  /// `.`, `/` and `-` are not among them: dot-commands, `member.country` and file paths are one word.
  public static let completionWordBreaks = " \t\n\"|(),=<>[]{}:+*"

  /// The words that may replace the word ending at `cursor` in `line`, sorted, without repeats.
  ///
  /// - At the start of a line, `.`-words complete to dot-commands; after a dot-command, to
  ///   what its argument is (a table, a definition, a file, a mode, a help topic).
  /// - Inside a string literal, to file names read from the session's folder (`"data/ml` →
  ///   `data/ml-latest-small/`).
  /// - `T.co` completes to the columns of table `T` (`member.` and `title.` follow keys to
  ///   `members` and `titles`).
  /// - Elsewhere, to keywords, built-in functions, tables, definitions, and the columns of the
  ///   tables the line names.
  /// - Parameter cursor: a UTF-8 offset into `line`, as the line editor reports it.
  /// - Complexity: O(line + names known), plus one folder listing for file names.
  public func completions(line: String, cursor: Int) -> [String] {
    let bytes = Array(line.utf8)
    let end = min(max(0, cursor), bytes.count)
    let breaks = Set(Self.completionWordBreaks.utf8)
    var start = end
    while start > 0 && !breaks.contains(bytes[start - 1]) { start -= 1 }
    let word = String(decoding: bytes[start..<end], as: UTF8.self)
    let before = String(decoding: bytes[..<start], as: UTF8.self)

    let candidates: [String]
    if Self.isInsideString(bytes[..<start]) {
      candidates = fileNames(completing: word)
    } else if Self.isDotCommand(before) {
      candidates = dotCommandArguments(before: before, word: word)
    } else if before.allSatisfy({ $0 == " " || $0 == "\t" }) && word.hasPrefix(".") {
      candidates = DotCommand.all.map(\.name)
    } else if let dot = word.lastIndex(of: ".") {
      candidates = columns(following: String(word[..<dot])).map { "\(word[..<dot]).\($0)" }
    } else {
      let named = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        .compactMap { tables[String($0)] }
      candidates =
        Self.vocabulary + Array(tables.keys) + Array(definitions.keys) + named.flatMap(\.names)
    }
    return Set(candidates.filter { $0.hasPrefix(word) }).sorted()
  }

  /// Whether an odd number of unescaped `"` open before the word: the word is inside a string.
  private static func isInsideString(_ bytes: ArraySlice<UInt8>) -> Bool {
    var inside = false
    var escaped = false
    for b in bytes {
      if escaped {
        escaped = false
      } else if b == UInt8(ascii: "\\") && inside {
        escaped = true
      } else if b == UInt8(ascii: "\"") {
        inside.toggle()
      } else if b == UInt8(ascii: "#") && !inside {
        return false
      }
    }
    return inside
  }

  /// The candidates for a dot-command's first argument; none past it.
  private func dotCommandArguments(before: String, word: String) -> [String] {
    let words = before.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard words.count == 1, let command = DotCommand.named(String(words[0])) else { return [] }
    switch command.argument {
    case .none: return []
    case .table: return Array(tables.keys)
    case .definition: return Array(definitions.keys)
    case .file: return fileNames(completing: word)
    case .helpTopic: return HelpText.topics
    case .choice(let choices): return choices
    }
  }

  /// The columns of the table that `head` names: a table, or `member`/`title` through their keys.
  private func columns(following head: String) -> [String] {
    let keyTables = ["member": "members", "title": "titles"]
    let table = tables[head] ?? keyTables[head].flatMap { tables[$0] }
    return table?.names ?? []
  }

  /// Paths in the session's folder that start with `word`; folders end with `/`.
  /// Hidden entries are offered only when the name typed so far starts with `.`.
  private func fileNames(completing word: String) -> [String] {
    let folder = word.lastIndex(of: "/").map { String(word[...$0]) } ?? ""
    let typed = word.dropFirst(folder.count)
    let listed = folder.isEmpty ? options.directory : resolve(folder)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: listed) else { return [] }
    return entries.filter { typed.hasPrefix(".") || !$0.hasPrefix(".") }.map { entry in
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: listed + "/" + entry, isDirectory: &isFolder)
      return folder + entry + (exists && isFolder.boolValue ? "/" : "")
    }
  }

  /// Statement keywords, clause words, built-in functions and metric names.
  static let vocabulary: [String] =
    HelpText.statements.map(\.keyword) + [
      "and", "as", "asc", "at", "baseline", "by", "candidates", "context", "demo", "derive", "desc",
      "distinct", "exclude", "false", "features", "for", "group", "impressions", "in", "into", "join",
      "last", "limit", "map", "member", "members", "metrics", "movielens", "not", "obd", "on", "or",
      "order", "over", "per", "random", "recbole", "rows", "seed", "select", "shown", "size", "sort",
      "table", "take", "titles", "to", "trained", "true", "unique", "utility", "vs", "watched", "where",
      "with", "within",
      // Functions, aggregates and row sources.
      "abs", "affinity", "avg", "coalesce", "continue_watching", "count", "count_distinct", "days_since",
      "epsilon_greedy", "exp", "jaccard", "linucb", "log", "logistic", "max", "median", "min",
      "new_releases", "p90", "popular", "recent_plays", "similar", "sum", "thompson", "top_genres",
      "top_picks", "trending",
      // Metrics and estimators.
      "coverage", "dm", "dr", "duplicates", "freshness", "hit", "ips", "mrr", "ndcg", "novelty",
      "precision", "recall", "short_rows", "snips",
    ]
}
