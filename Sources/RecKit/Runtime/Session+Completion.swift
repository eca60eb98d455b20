import Foundation
import RecEngine
import RecSyntax

/// Tab completion from what the session knows: keywords, dot-commands, tables, columns,
/// definitions, and file names inside string literals. The front end only asks; it never
/// decides what a word may become.
extension Session {
  /// The characters that end the word being completed. The line editor must split words
  /// at exactly these, so that the candidates replace the word it sees.
  /// `.`, `/`, `-` and `@` are not among them: dot-commands, `member.country`, `truth.titles`,
  /// file paths and `ndcg@20` are one word.
  public static let completionWordBreaks = " \t\n\"|(),=<>[]{}:+*"

  /// The words that may replace the word ending at `cursor` in `line`, sorted, without repeats.
  ///
  /// What may stand there is read from the words before it (`CompletionSlot`):
  /// - at the start of a statement, statement keywords; at the start of a clause line, the
  ///   clauses of the statement it continues;
  /// - after `rows`/`candidates`, row names; after `from`, `join`, `on`, `save`, `split`,
  ///   table names (`truth.…` included); after `metrics`, metrics (`recall@`, `ndcg@`, …);
  ///   after `=` in `policy` and `model`, their algorithms; after a definition's keyword
  ///   (`show page`, `eval`, `replay`), definitions of that kind;
  /// - after a pipeline's `|`, its transforms; inside a transform, the columns of the tables
  ///   the pipeline reads, functions and aggregates (`T.co` follows `T`, `member.` and `title.`
  ///   follow keys to `members` and `titles`);
  /// - at the start of a line, `.`-words complete to dot-commands; after a dot-command, to
  ///   what its argument is (a table, a definition, a file, a mode, a help topic);
  /// - inside a string literal, file names read from the session's folder (`"data/ml` →
  ///   `data/ml-latest-small/`).
  /// - Parameters:
  ///   - cursor: a UTF-8 offset into `line`, as the line editor reports it.
  ///   - entry: the lines of the entry typed before `line` (a definition's header and clause
  ///     lines so far), joined with `\n`; empty at the first line of an entry.
  /// - Complexity: O(entry + line + names known), plus one folder listing for file names.
  public func completions(line: String, cursor: Int, entry: String = "") -> [String] {
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
    } else if entry.isEmpty && Self.isDotCommand(before) {
      candidates = dotCommandArguments(before: before, word: word)
    } else if entry.isEmpty && before.allSatisfy({ $0 == " " || $0 == "\t" }) && word.hasPrefix(".") {
      candidates = DotCommand.all.map(\.name)
    } else {
      let text = entry.isEmpty ? before : entry + "\n" + before
      candidates = CompletionSlot.slots(before: text).flatMap { names(for: $0, word: word) }
    }
    return Set(candidates.filter { $0.hasPrefix(word) }).sorted()
  }

  /// The names the session knows for `slot`.
  private func names(for slot: CompletionSlot, word: String) -> [String] {
    switch slot {
    case .words(let words): return words
    case .table: return Array(tables.keys)
    case .definition(let kind): return definitions.filter { $0.value.kind.rawValue == kind }.map(\.key)
    case .metric:
      let builtIn = Metric.Kind.allCases.filter { $0 != .formula }.map { kind in
        Metric(kind: kind).needsCutoff ? kind.rawValue + "@" : kind.rawValue
      }
      return builtIn + names(for: .definition(CheckedDefinition.Kind.metric.rawValue), word: word)
    case .ranker:
      return RankerPlan.builtIn.map(\.name) + definitions.filter { $0.value.kind == .ranker }.map(\.key)
    case .algorithm(let definition): return definition == "model" ? Checker.modelKinds : PolicySpec.algorithms
    case .rowSource: return RowSources.names
    case .rowExpansion: return RowSources.expansions
    case .estimator: return OffPolicyEstimator.allCases.map(\.rawValue)
    case .interval: return OffPolicyEstimator.Interval.allCases.map(\.rawValue)
    case .expression(let named):
      // `-` is no word break (file paths hold it), so `sort -me` completes `-me` as a whole.
      let sign = word.hasPrefix("-") ? "-" : ""
      let name = word.dropFirst(sign.count)
      if let dot = name.lastIndex(of: ".") {
        return columns(following: String(name[..<dot])).map { "\(sign)\(name[..<dot]).\($0)" }
      }
      let names = named.flatMap { tables[$0]?.names ?? [] } + ScalarFunction.allCases.map(\.rawValue)
      return (names + AggregateFunction.names).map { sign + $0 }
    }
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
}
