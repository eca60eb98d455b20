import Foundation

/// What a run of the built `rec` gave.
struct BinaryResult {
  var stdout: String
  var stderr: String
  var status: Int32
}

/// Runs the built `rec` binary with standard input not a terminal and the width pinned.
enum BinaryRunner {
  /// The built `rec`: beside the test bundle, else under the package's `.build/debug`.
  static var executable: String {
    let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let beside = bundleFolder.appendingPathComponent("rec").path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return package.appendingPathComponent(".build/debug/rec").path
  }

  /// The environment every run gets: the test's own, with `COLUMNS=100` and no `NO_COLOR`
  /// surprises, plus `extra`.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = "100"
    environment.removeValue(forKey: "NO_COLOR")
    environment.merge(extra) { $1 }
    return environment
  }

  /// Runs `rec arguments…` in `directory` with `input` on standard input (a file, not a terminal)
  /// and `extra` added to the environment.
  static func run(
    _ arguments: [String], input: String = "", directory: String? = nil, environment extra: [String: String] = [:]
  ) throws -> BinaryResult {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rec-run-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0).path }
    _ = FileManager.default.createFile(atPath: paths[0], contents: Data(input.utf8))
    _ = FileManager.default.createFile(atPath: paths[1], contents: nil)
    _ = FileManager.default.createFile(atPath: paths[2], contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment(extra)
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardInput = FileHandle(forReadingAtPath: paths[0])
    process.standardOutput = FileHandle(forWritingAtPath: paths[1])
    process.standardError = FileHandle(forWritingAtPath: paths[2])
    try process.run()
    process.waitUntilExit()
    return BinaryResult(
      stdout: try String(contentsOfFile: paths[1], encoding: .utf8),
      stderr: try String(contentsOfFile: paths[2], encoding: .utf8),
      status: process.terminationStatus)
  }
}
