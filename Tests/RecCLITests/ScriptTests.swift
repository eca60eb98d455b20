import Foundation
import Testing

/// The golden corpus: every `.rec` under `Scripts/` and `examples/`, run through the built
/// binary with standard input not a terminal.
///
/// Annotations in a script: `# args: --format csv` adds command-line arguments; `# command:
/// check` runs `rec check` instead of `rec run`, and then also `rec run`, which must stop with
/// the same error before reading any data (the same standard error, nothing on standard output);
/// `# command: repl` feeds the script to `rec` on standard input, one entry at a time, as at the
/// prompt (an error in one entry does not stop the rest);
/// `# columns: 150` draws for a terminal that wide instead of 100 columns;
/// `# error: LINE:COL: message` expects that diagnostic (rendered with the script's name) on
/// standard error and exit status 65. Standard output is compared with the `.out` file beside
/// the script and standard error (status lines, warnings, the error) with the `.err` file, with
/// timings written as `#.### s`; run with `RECORD_SNAPSHOTS=1` to write both anew. A missing
/// snapshot fails the test.
@Suite struct ScriptTests {
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var scripts: [String] {
    let roots = ["Tests/RecCLITests/Scripts", "examples"]
    var found: [String] = []
    for root in roots {
      let folder = package.appendingPathComponent(root).path
      guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
      for case let path as String in walker where path.hasSuffix(".rec") {
        found.append(root + "/" + path)
      }
    }
    return found.sorted()
  }

  @Test(arguments: scripts)
  func script(_ relative: String) throws {
    let path = Self.package.appendingPathComponent(relative)
    let text = try String(contentsOf: path, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let arguments = lines.compactMap { $0.hasPrefix("# args: ") ? $0.dropFirst(8).split(separator: " ").map(String.init) : nil }
      .flatMap { $0 }
    let errors = lines.compactMap { $0.hasPrefix("# error: ") ? String($0.dropFirst(9)) : nil }

    let command = lines.first { $0.hasPrefix("# command: ") }.map { String($0.dropFirst(11)) } ?? "run"
    let width = lines.first { $0.hasPrefix("# columns: ") }.map { ["COLUMNS": String($0.dropFirst(11))] } ?? [:]
    let name = path.lastPathComponent
    let folder = path.deletingLastPathComponent().path
    let result =
      command == "repl"
      ? try BinaryRunner.run(arguments, input: text, directory: folder, environment: width)
      : try BinaryRunner.run([command, name] + arguments, directory: folder, environment: width)
    if command == "check" {
      let run = try BinaryRunner.run(["run", name] + arguments, directory: folder, environment: width)
      #expect(run.status == result.status && run.stderr == result.stderr && run.stdout.isEmpty)
    }

    if errors.isEmpty {
      #expect(result.status == 0, "stderr: \(result.stderr)")
    } else {
      #expect(result.status == 65)
      for error in errors {
        // "3:24: message" is rendered as "name.rec:3:24: error: message".
        let parts = error.split(separator: " ", maxSplits: 1)
        let shown = command == "repl" ? "<stdin>" : name
        let rendered = "\(shown):\(parts[0]) error: \(parts.count > 1 ? parts[1] : "")"
        #expect(result.stderr.contains(rendered), "stderr: \(result.stderr)")
      }
    }
    let stderr = Self.withoutTimings(result.stderr)
    for (stream, text) in [("out", result.stdout), ("err", stderr)] {
      let snapshot = path.deletingPathExtension().appendingPathExtension(stream)
      if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try text.write(to: snapshot, atomically: true, encoding: .utf8)
      } else {
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(text == expected, "std\(stream) differs from \(snapshot.lastPathComponent)")
      }
    }
  }

  /// `text` with every timing (`in 0.620 s`, `Run Time: 1.234 s`) written `#.### s`: the
  /// rest of a status line is the same on every run.
  static func withoutTimings(_ text: String) -> String {
    text.replacing(/\d+\.\d{3} s\b/, with: "#.### s")
  }
}
