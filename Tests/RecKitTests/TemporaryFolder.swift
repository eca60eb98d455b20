import Foundation

/// A fresh folder under the system's temporary directory, for fixture files; removed on deinit.
final class TemporaryFolder {
  let path: String

  init() {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("rec-test-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` to `name` in the folder and returns its path.
  @discardableResult
  func write(_ name: String, _ text: String) -> String {
    write(name, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ name: String, bytes: [UInt8]) -> String {
    let file = (path as NSString).appendingPathComponent(name)
    precondition(FileManager.default.createFile(atPath: file, contents: Data(bytes)), "cannot write \(file)")
    return file
  }

  func read(_ name: String) -> String {
    String(decoding: FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(name)) ?? Data(), as: UTF8.self)
  }

  func files() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? []
  }
}
