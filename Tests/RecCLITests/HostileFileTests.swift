import Foundation
import Testing

/// Files a script may name but must not write or read: a FIFO as a save target, and imports from
/// outside the script's folder, whose text must not show in the error.
@Suite struct HostileFileTests {
  /// A fresh folder holding `files`, removed when `body` returns.
  private func inFolder(_ files: [String: String], _ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rec-hostile-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
    try body(folder)
  }

  private func fileType(_ path: String) -> mode_t {
    var status = stat()
    #expect(lstat(path, &status) == 0)
    return status.st_mode & S_IFMT
  }

  @Test func saveToADeviceOrAFifoIsRefusedAtItsPlaceAndNeitherIsReplaced() throws {
    let files = [
      "t.csv": "a,b\n1,2\n",
      "save.rec": "load table t from \"t.csv\"\nsave t to \"pipe\"\n",
      "null.rec": "load table t from \"t.csv\"\nsave t to \"/dev/null\"\n",
    ]
    try inFolder(files) { folder in
      #expect(mkfifo(folder + "/pipe", 0o600) == 0)
      let result = try BinaryRunner.run(["run", "save.rec"], directory: folder)
      #expect(result.status == 65)
      #expect(result.stderr.contains("save.rec:2:11: error: pipe: cannot write the file ('pipe' is not a regular file)\n"))
      #expect(fileType(folder + "/pipe") == S_IFIFO)
      let null = try BinaryRunner.run(["run", "null.rec"], directory: folder)
      #expect(null.status == 65)
      #expect(null.stderr.contains("null.rec:2:11: error: /dev/null: cannot write the file ('/dev/null' is not a regular file)\n"))
      #expect(fileType("/dev/null") == S_IFCHR)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["null.rec", "pipe", "save.rec", "t.csv"])
    }
  }

  @Test func importsFromOutsideTheFolderAreRefusedWithoutShowingTheFile() throws {
    let outside = "row leaked \"SECRET-TITLE\"\n  from popular()\n# SECRET-NOTE\n"
    try inFolder(["outside.rec": outside]) { outer in
      let project = outer + "/project"
      try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
      let input = "import \"../outside.rec\"\nimport \"\(outer)/outside.rec\"\n.defs\n"
      let result = try BinaryRunner.run([], input: input, directory: project)
      #expect(result.status == 65)
      #expect(result.stderr.contains("<stdin>:1:8: error: '../outside.rec' is outside the folder '\(project)'"))
      #expect(result.stderr.contains("<stdin>:2:8: error: '\(outer)/outside.rec' is outside the folder '\(project)'"))
      for secret in ["SECRET", "leaked", "popular"] {
        #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret), "\(secret)")
      }
      #expect((result.stdout + result.stderr).contains("no definitions\n"))
    }
  }
}
