import Foundation
import RecCore
import RecEngine
import RecKit
import RecSyntax

// What each fuzz target does with one input, as plain functions: the libFuzzer executables
// (`Tests/Fuzz/Targets`, built only with `REC_FUZZ=1`) call them on generated inputs, and
// `swift test` calls them on every file of `Tests/Fuzz/Corpus/<target>/`, so that each input a
// run kept and each crash it found stays a test. A function returns what it found wrong with
// the input beyond a crash (a broken property), empty when nothing.

/// The fuzz targets by name: the name of the corpus folder and of the `fuzz-NAME` executable.
package let fuzzTargets: [String: @Sendable (UnsafeRawBufferPointer) -> [String]] = [
  "program": fuzzProgram,
  "format": fuzzFormat,
  "table": fuzzTable,
  "datasets": fuzzDatasets,
  "parquet": fuzzParquet,
]

// MARK: - program: lexer, parser, checker

/// Lexes, parses and checks `bytes` as a script, as `rec check` does, renders every diagnostic,
/// and asks for tab completions in it. Must not crash or hang whatever the bytes; every
/// diagnostic's place must lie in the input.
@Sendable package func fuzzProgram(_ bytes: UnsafeRawBufferPointer) -> [String] {
  let file = SourceFile(name: "fuzz.rec", bytes: Array(bytes))
  var problems: [String] = []
  let (_, diagnostics) = parse(file)
  _ = entryStatus(file)
  let session = Session(options: SessionOptions(directory: FuzzFolder.shared.path("program")), write: { _, _ in })
  // Tab completion reads whatever is typed, cursor anywhere (a UTF-8 offset, maybe mid-character).
  for cursor in [0, file.bytes.count / 2, file.bytes.count] {
    _ = session.completions(line: file.text, cursor: cursor)
    _ = session.completions(line: file.text, cursor: cursor, entry: file.text)
  }
  let checked = session.check(file)
  let renderer = DiagnosticRenderer()
  for diagnostic in diagnostics + (checked.map { [$0] } ?? []) {
    _ = renderer.render(diagnostic)
    for range in [diagnostic.range] + diagnostic.notes.map(\.range) {
      guard let range, range.file === file else { continue }
      if range.bytes.lowerBound < 0 || range.bytes.upperBound > file.bytes.count {
        problems.append("\(diagnostic.id): range \(range.bytes) outside the input's \(file.bytes.count) bytes")
      }
    }
  }
  return problems
}

// MARK: - format: rec fmt round trip

/// When `bytes` parse without errors, `rec fmt` either refuses them as changing their meaning or
/// gives a text that parses to the same syntax tree (ranges aside) and that formatting again
/// leaves as it is.
@Sendable package func fuzzFormat(_ bytes: UnsafeRawBufferPointer) -> [String] {
  let file = SourceFile(name: "fuzz.rec", bytes: Array(bytes))
  let (program, diagnostics) = parse(file)
  guard !diagnostics.contains(where: { $0.severity == .error }) else { return [] }
  let once: String
  do {
    once = try format(file)
  } catch {
    // Refusing is allowed: it is how `rec fmt` keeps a layout that would change the meaning
    // from being written (the contract's robustness/fmt-meaning.rec), and bytes that are not
    // UTF-8 from being written back changed.
    if error.id == "formatChangesMeaning" || error.id == "invalidUTF8" { return [] }
    return ["rec fmt refused a program that parses: \(error.id): \(error.message)"]
  }
  let onceFile = SourceFile(name: "fuzz.rec", text: once)
  let (again, againDiagnostics) = parse(onceFile)
  if let error = againDiagnostics.first(where: { $0.severity == .error }) {
    return ["the formatted text does not parse: \(error.message)\n\(once)"]
  }
  var problems: [String] = []
  if again.statements.count != program.statements.count {
    problems.append("\(program.statements.count) statements became \(again.statements.count)")
  }
  for (a, b) in zip(program.statements, again.statements) where SyntaxShape(a.kind) != SyntaxShape(b.kind) {
    problems.append("a statement changed shape: '\(a.range.text)' became '\(b.range.text)'")
  }
  do {
    let twice = try format(onceFile)
    if twice != once { problems.append("formatting is not idempotent:\n\(once)\n---\n\(twice)") }
  } catch {
    problems.append("rec fmt refused its own output: \(error.id): \(error.message)\n\(once)")
  }
  return problems
}

// MARK: - table: load table (CSV, TSV, JSON Lines)

/// Reads `bytes` as `load table` does, once as each of `.csv`, `.tsv` and `.jsonl`; a table read
/// must hold together and every cell must print.
@Sendable package func fuzzTable(_ bytes: UnsafeRawBufferPointer) -> [String] {
  let folder = FuzzFolder.shared.path("table")
  var problems: [String] = []
  for format in FileFormat.allCases where format != .parquet {
    let path = folder + "/t." + format.rawValue
    FuzzFolder.write(bytes, to: path)
    do {
      let (tables, report) = try FileLoader.load(table: "t", path: path, displayName: "t." + format.rawValue, format: nil)
      _ = report.lines(timed: false)
      problems += tables.flatMap { tableProblems($0.1, name: "\(format.rawValue) \($0.0)") }
    } catch {
      _ = error.message
    }
  }
  return problems
}

// MARK: - parquet: load table of a Parquet file

/// Reads `bytes` as a Parquet file, as `load table` does: a damaged file must give an error,
/// never a crash, a hang or a huge allocation; a table read must hold together and every cell
/// must print. The corpus begins with the small files of `Tests/Parquet/make_fixtures.py`.
@Sendable package func fuzzParquet(_ bytes: UnsafeRawBufferPointer) -> [String] {
  let path = FuzzFolder.shared.path("parquet") + "/t.parquet"
  FuzzFolder.write(bytes, to: path)
  do {
    let (tables, report) = try FileLoader.load(table: "t", path: path, displayName: "t.parquet", format: nil)
    _ = report.lines(timed: false)
    return tables.flatMap { tableProblems($0.1, name: "parquet \($0.0)") }
  } catch {
    _ = error.message
    return []
  }
}

// MARK: - datasets: MovieLens, RecBole, Open Bandit Dataset

/// Splits `bytes` at NUL bytes into up to three files and loads them with each dataset loader:
/// MovieLens `ratings.csv`, `movies.csv`, `tags.csv`; RecBole `rb.inter`, `rb.item`, `rb.user`;
/// the Open Bandit Dataset's `all.csv` and `item_context.csv`. A file with no part is absent.
@Sendable package func fuzzDatasets(_ bytes: UnsafeRawBufferPointer) -> [String] {
  let parts = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
  let folder = FuzzFolder.shared.path("datasets")
  let layouts: [(folder: String, files: [String], load: (String, String) throws(DataError) -> ([(String, Table)], LoadReport))] = [
    ("ml", ["ratings.csv", "movies.csv", "tags.csv"], { d, n throws(DataError) in try MovieLensLoader.load(directory: d, displayName: n) }),
    ("rb", ["rb.inter", "rb.item", "rb.user"], { d, n throws(DataError) in try RecBoleLoader.load(directory: d, displayName: n) }),
    ("all", ["all.csv", "item_context.csv"], { d, n throws(DataError) in try OBDLoader.load(directory: d, displayName: n) }),
  ]
  var problems: [String] = []
  for layout in layouts {
    let directory = folder + "/" + layout.folder
    for (i, name) in layout.files.enumerated() {
      let path = directory + "/" + name
      if i < parts.count {
        FuzzFolder.write(UnsafeRawBufferPointer(rebasing: parts[i]), to: path)
      } else {
        unlink(path)
      }
    }
    do {
      let (tables, report) = try layout.load(directory, layout.folder)
      _ = report.lines(timed: false)
      problems += tables.flatMap { tableProblems($0.1, name: "\(layout.folder) \($0.0)") }
    } catch {
      _ = error.message
    }
  }
  return problems
}

// MARK: - Shared

/// What is wrong with a table a loader made: columns of the wrong length, names twice, a cell
/// that cannot be read or printed.
func tableProblems(_ table: Table, name: String) -> [String] {
  var problems: [String] = []
  if Set(table.names).count != table.names.count { problems.append("\(name): duplicate column names \(table.names)") }
  for (column, values) in zip(table.names, table.columns) {
    guard values.count == table.count else {
      problems.append("\(name).\(column): \(values.count) rows in a table of \(table.count)")
      continue
    }
    for row in 0..<values.count {
      let value = values.value(at: row)
      _ = CellFormatter.display(value, metric: false, nullText: "")
      _ = CellFormatter.csv(value)
      _ = CellFormatter.json(value)
    }
  }
  return problems
}

/// A scratch folder per process for the files the targets write, removed at exit.
final class FuzzFolder: Sendable {
  static let shared = FuzzFolder()
  let root: String

  private init() {
    root = NSTemporaryDirectory() + "rec-fuzz-\(getpid())"
    for sub in ["program", "table", "parquet", "datasets/ml", "datasets/rb", "datasets/all"] {
      try? FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true)
    }
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "rec-fuzz-\(getpid())") }
  }

  func path(_ sub: String) -> String { root + "/" + sub }

  /// Writes `bytes` to `path`, replacing it.
  static func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { fatalError("cannot write \(path)") }
    var offset = 0
    while offset < bytes.count {
      let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      guard n > 0 else { break }
      offset += n
    }
    close(fd)
  }
}

