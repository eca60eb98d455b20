import Foundation
import Testing

/// Every fenced code block of `README.md` is run through the built binary, or marked as not run.
///
/// The convention (the README's last section says it too):
///
/// - ` ```rec ` — a rec program. It is written to `example.rec` in a fresh folder and run with
///   `rec run`; a `rec> ` or `  …> ` prompt at the start of a line is removed first.
/// - ` ```sh ` — commands, one a line (a trailing `# comment` dropped), each `rec ARGS`,
///   `.build/debug/rec ARGS`, `.build/release/rec ARGS` or `swift run [-c release] rec ARGS`: the
///   built `rec` runs with ARGS from the repository root. Any other command needs `not run`.
/// - ` ```text ` — the output of the nearest block above it that is not itself `text` (prose may
///   stand between): compared exactly with standard output, or with standard error when the fence
///   reads ` ```text stderr `. Timings are written `#.### s` on both sides, and a line that is only
///   `…` stands for any number of lines. Without such a block a run must only succeed.
///
/// HTML comments right before a fence (no blank line between) adjust it:
///
/// - `<!-- not run: REASON -->` — the block is not run (a long benchmark, the 25M files, an
///   interactive terminal, a package manager); the reason is required.
/// - `<!-- before: STATEMENTS -->` — statements run first, in the same session, from a file of
///   their own (`before.rec`), so the block's line numbers stay its own.
/// - `<!-- files: FOLDER -->` — the files of FOLDER (relative to the repository) are copied into
///   the block's folder first.
/// - `<!-- args: ARGS -->` — more arguments for `rec run` (`--format markdown`).
/// - `<!-- columns: N -->` — the terminal width (100 unless said).
/// - `<!-- output of: rec ARGS -->` — before a `text` block: the block is the output of this
///   command, run in a fresh folder (with `files:`), rather than of the block above.
///
/// A run whose shown output holds `error:` must exit 65; any other run must exit 0. A block that is
/// neither run nor marked fails `everyBlockIsRunOrMarked`, so no new block goes untested silently.
@Suite struct ReadmeTests {
  static let package = ScriptTests.package

  /// A fenced code block of the README and the directives written right before it.
  struct Block: Sendable {
    var line: Int
    var info: [String]
    var text: String
    var directives: [String: String]

    var language: String { info.first ?? "" }
  }

  /// Something the README shows that runs: a program or commands, with the output shown after it.
  struct Run: Sendable, CustomTestStringConvertible {
    var block: Block
    var stdout: String?
    var stderr: String?
    var testDescription: String { "README.md:\(block.line) \(block.language)" }
  }

  static let directiveKeys: Set = ["not run", "before", "files", "args", "columns", "output of"]

  static let blocks: [Block] = {
    let url = package.appendingPathComponent("README.md")
    guard let readme = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return parse(readme)
  }()

  /// The fenced blocks of `markdown`, each with the directives in the HTML comments right before it.
  static func parse(_ markdown: String) -> [Block] {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var blocks: [Block] = []
    var pending: [String: String] = [:]
    var index = 0
    while index < lines.count {
      let line = lines[index]
      if line.hasPrefix("<!--") {
        var comment = String(line.dropFirst(4))
        while !comment.contains("-->"), index + 1 < lines.count {
          index += 1
          comment += "\n" + lines[index]
        }
        comment = String(comment[..<(comment.range(of: "-->")?.lowerBound ?? comment.endIndex)])
        if let colon = comment.firstIndex(of: ":") {
          let key = comment[..<colon].trimmingCharacters(in: .whitespacesAndNewlines)
          let value = comment[comment.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
          pending[key] = value
        }
        index += 1
        continue
      }
      if line.hasPrefix("```") {
        let fenceLine = index + 1
        let fence = String(line.prefix { $0 == "`" })
        let info = line.dropFirst(fence.count).split(separator: " ").map(String.init)
        var body: [String] = []
        index += 1
        while index < lines.count, lines[index] != fence {
          body.append(lines[index])
          index += 1
        }
        blocks.append(
          Block(line: fenceLine, info: info, text: body.map { $0 + "\n" }.joined(), directives: pending))
        pending = [:]
        index += 1
        continue
      }
      pending = [:]
      index += 1
    }
    return blocks
  }

  /// Why a block is neither run nor marked, or nil when it is one of them.
  static func problem(with block: Block, at position: Int) -> String? {
    let unknown = Set(block.directives.keys).subtracting(directiveKeys)
    if !unknown.isEmpty { return "unknown directive '\(unknown.sorted().joined(separator: "', '"))'" }
    if let reason = block.directives["not run"] {
      return reason.isEmpty ? "'not run' needs a reason" : nil
    }
    switch block.language {
    case "rec": return nil
    case "sh":
      let commands = block.text.split(separator: "\n").map(String.init).filter { !isBlankOrComment($0) }
      if commands.isEmpty { return "a sh block without commands" }
      for command in commands where recArguments(command) == nil {
        return "'\(command)' is not a rec command; mark the block <!-- not run: why -->"
      }
      return nil
    case "text":
      if block.directives["output of"] != nil { return nil }
      guard
        let source = blocks[..<position].last(where: { $0.language != "text" || $0.directives["output of"] != nil }),
        source.directives["not run"] == nil, ["rec", "sh", "text"].contains(source.language)
      else { return "a text block that follows no block that is run; mark it <!-- not run: why -->" }
      return nil
    default:
      return "a block fenced '```\(block.info.joined(separator: " "))' is neither run nor marked"
        + " (fence it rec, sh or text, or mark it <!-- not run: why -->)"
    }
  }

  @Test func everyBlockIsRunOrMarked() {
    #expect(Self.blocks.count > 10, "README.md not found or without code blocks")
    for (position, block) in Self.blocks.enumerated() {
      if let problem = Self.problem(with: block, at: position) {
        Issue.record("README.md:\(block.line): \(problem)")
      }
    }
  }

  /// The blocks that run, each with the output shown under it.
  static var runs: [Run] {
    var runs: [Run] = []
    for (position, block) in blocks.enumerated() where problem(with: block, at: position) == nil {
      guard block.directives["not run"] == nil else { continue }
      let runsItself = block.language == "rec" || block.language == "sh" || block.directives["output of"] != nil
      if runsItself {
        var run = Run(block: block)
        if block.language == "text" { run.set(output: block) }
        for next in blocks[(position + 1)...] {
          guard next.language == "text", next.directives["output of"] == nil, next.directives["not run"] == nil
          else { break }
          run.set(output: next)
        }
        runs.append(run)
      }
    }
    return runs
  }

  @Test(arguments: runs)
  func block(_ run: Run) throws {
    let block = run.block
    let shown = (run.stdout ?? "") + (run.stderr ?? "")
    let expectedStatus: Int32 = shown.contains("error:") ? 65 : 0
    var environment: [String: String] = [:]
    if let columns = block.directives["columns"] { environment["COLUMNS"] = columns }

    var results: [BinaryResult] = []
    if block.language == "sh" {
      for command in block.text.split(separator: "\n").map(String.init) where !Self.isBlankOrComment(command) {
        let arguments = try #require(Self.recArguments(command))
        results.append(try BinaryRunner.run(arguments, directory: Self.package.path, environment: environment))
      }
    } else {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-readme-\(UUID())")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      if let files = block.directives["files"] {
        let source = Self.package.appendingPathComponent(files)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
          try FileManager.default.copyItem(
            at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
      }
      var arguments: [String]
      if let command = block.directives["output of"] {
        arguments = try #require(Self.recArguments(command), "'output of' needs a rec command")
      } else {
        arguments = ["run"]
        if let before = block.directives["before"] {
          try (before + "\n").write(to: folder.appendingPathComponent("before.rec"), atomically: true, encoding: .utf8)
          arguments.append("before.rec")
        }
        try Self.program(block.text).write(
          to: folder.appendingPathComponent("example.rec"), atomically: true, encoding: .utf8)
        arguments.append("example.rec")
        arguments += Self.words(block.directives["args"] ?? "") ?? []
      }
      results.append(try BinaryRunner.run(arguments, directory: folder.path, environment: environment))
    }

    for result in results {
      #expect(result.status == expectedStatus, "exit status \(result.status); stderr: \(result.stderr)")
    }
    if let expected = run.stdout {
      let actual = results.map(\.stdout).joined()
      #expect(Self.matches(expected, actual), "standard output differs from the README:\n\(actual)")
    }
    if let expected = run.stderr {
      let actual = results.map(\.stderr).joined()
      #expect(Self.matches(expected, actual), "standard error differs from the README:\n\(actual)")
    }
  }

  // MARK: - Pieces

  /// The program a `rec` block holds: its lines with any `rec> ` or `  …> ` prompt removed.
  static func program(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      for prompt in ["rec> ", "  …> "] where line.hasPrefix(prompt) { return String(line.dropFirst(prompt.count)) }
      return String(line)
    }.joined(separator: "\n")
  }

  static func isBlankOrComment(_ line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty || trimmed.hasPrefix("#")
  }

  /// The arguments for the built `rec` in a command line that runs rec, or nil for any other command.
  static func recArguments(_ command: String) -> [String]? {
    guard let words = words(command) else { return nil }
    for launcher in [
      ["rec"], [".build/debug/rec"], [".build/release/rec"], ["swift", "run", "rec"],
      ["swift", "run", "-c", "release", "rec"],
    ] where words.starts(with: launcher) {
      return Array(words.dropFirst(launcher.count))
    }
    return nil
  }

  /// A command line split into words as a shell would (single and double quotes, a trailing
  /// `# comment`), or nil when it uses more of the shell than that (pipes, redirections,
  /// variables, subshells).
  static func words(_ command: String) -> [String]? {
    var words: [String] = []
    var word: String? = nil
    var quote: Character? = nil
    for character in command {
      if let open = quote {
        if character == open { quote = nil } else { word!.append(character) }
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        word = word ?? ""
      case " ", "\t":
        if let done = word { words.append(done) }
        word = nil
      case "#" where word == nil:
        return quote == nil ? words : nil
      case "|", "<", ">", "$", "(", ")", ";", "&", "`", "\\":
        return nil
      default:
        word = (word ?? "") + String(character)
      }
    }
    if quote != nil { return nil }
    if let done = word { words.append(done) }
    return words
  }

  /// Whether `actual` is what `expected` shows: the same lines once timings are masked, a line
  /// that is only `…` standing for any number of lines.
  static func matches(_ expected: String, _ actual: String) -> Bool {
    func lines(_ text: String) -> [Substring] {
      var lines = ScriptTests.withoutTimings(text).split(separator: "\n", omittingEmptySubsequences: false)
      if lines.last == "" { lines.removeLast() }
      return lines
    }
    let want = lines(expected)
    let have = lines(actual)
    func match(_ i: Int, _ j: Int) -> Bool {
      if i == want.count { return j == have.count }
      if want[i].trimmingCharacters(in: .whitespaces) == "…" { return (j...have.count).contains { match(i + 1, $0) } }
      return j < have.count && want[i] == have[j] && match(i + 1, j + 1)
    }
    return match(0, 0)
  }
}

extension ReadmeTests.Run {
  init(block: ReadmeTests.Block) { self.init(block: block, stdout: nil, stderr: nil) }

  mutating func set(output block: ReadmeTests.Block) {
    if block.info.contains("stderr") {
      stderr = (stderr ?? "") + block.text
    } else {
      stdout = (stdout ?? "") + block.text
    }
  }
}
