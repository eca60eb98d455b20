import Foundation
import Testing

/// The golden scripts of `Scripts/sharing/`: `export.rec` shows a page and exports it,
/// `import.rec` imports the export in a fresh session and shows it again. `ScriptTests` holds
/// each script to its snapshot; this holds the two snapshots to each other.
@Suite struct SharingScriptTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Scripts/sharing")

  @Test func exportThenImportShowsTheSameGrid() throws {
    let exported = try String(contentsOf: Self.folder.appendingPathComponent("export.out"), encoding: .utf8)
    let imported = try String(contentsOf: Self.folder.appendingPathComponent("import.out"), encoding: .utf8)
    #expect(exported.hasPrefix("page home_ranked for member 42\n"))
    #expect(imported == exported)
  }

  @Test func theExportedFileIsInCanonicalLayout() throws {
    let result = try BinaryRunner.run(["fmt", "--check", "exported/home_ranked.rec"], directory: Self.folder.path)
    #expect(result.status == 0)
    #expect(result.stdout == "")
  }
}
