import Foundation
import Testing

@testable import RecKit
@testable import RecEngine

/// The one file writer: what it refuses, what it keeps, and what cannot redirect it.
@Suite struct AtomicFileTests {
  let folder = TemporaryFolder()

  func path(_ name: String) -> String { (folder.path as NSString).appendingPathComponent(name) }

  func mode(_ path: String) -> mode_t {
    var status = stat()
    _ = lstat(path, &status)
    return status.st_mode
  }

  @Test func aDeviceAFifoAndAFolderAreRefused() throws {
    mkfifo(path("pipe"), 0o644)
    try FileManager.default.createDirectory(atPath: path("dir"), withIntermediateDirectories: false)
    for target in ["/dev/null", path("pipe"), path("dir")] {
      #expect(throws: AtomicFile.Failure(reason: "'\(target)' is not a regular file", folderMissing: false)) {
        try AtomicFile.write("a,b\n", to: target)
      }
    }
    #expect(mode("/dev/null") & S_IFMT == S_IFCHR)
    #expect(mode(path("pipe")) & S_IFMT == S_IFIFO)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["dir", "pipe"])
  }

  @Test func aLinkIsFollowedAndStaysALink() throws {
    folder.write("real.csv", "old\n")
    try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: "real.csv")
    try AtomicFile.write("new\n", to: path("link.csv"))
    #expect(folder.read("real.csv") == "new\n")
    #expect(mode(path("link.csv")) & S_IFMT == S_IFLNK)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.csv")) == "real.csv")
  }

  @Test func theTargetsPermissionsAreKept() throws {
    let script = folder.write("run.sh", "echo old\n")
    chmod(script, 0o750)
    try AtomicFile.write("echo new\n", to: script)
    #expect(mode(script) & 0o7777 == 0o750)
    #expect(folder.read("run.sh") == "echo new\n")
    let secret = folder.write("secret.rec", "# mine\n")
    chmod(secret, 0o600)
    try AtomicFile.write("# still mine\n", to: secret)
    #expect(mode(secret) & 0o7777 == 0o600)
  }

  @Test func aPlantedLinkCannotRedirectAWrite() throws {
    let victim = folder.write("victim", "untouched\n")
    // Whatever name a temporary file would take, a link already there stops the creation
    // rather than being written through.
    try FileManager.default.createSymbolicLink(atPath: path(".out.csv.rec-tmp-planted"), withDestinationPath: victim)
    #expect(try AtomicFile.openNew(path(".out.csv.rec-tmp-planted")) == nil)
    try AtomicFile.write("x\n", to: path("out.csv"))
    #expect(folder.read("victim") == "untouched\n")
    #expect(folder.read("out.csv") == "x\n")
  }

  @Test func leftoversOlderThanADayAreRemovedAndAFailedWriteLeavesNone() throws {
    let old = folder.write(".out.csv.rec-tmp-abc", "half")
    var times = [timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0), timespec(tv_sec: time(nil) - 2 * 86_400, tv_nsec: 0)]
    utimensat(AT_FDCWD, old, &times, 0)
    let fresh = folder.write(".out.csv.rec-tmp-def", "running")
    try AtomicFile.write("x\n", to: path("out.csv"))
    #expect(!FileManager.default.fileExists(atPath: old))
    #expect(FileManager.default.fileExists(atPath: fresh))
    #expect(throws: AtomicFile.Failure.self) {
      try AtomicFile.replace(path("out.csv")) { (_: Int32) throws(AtomicFile.Failure) in
        throw AtomicFile.Failure(reason: "given up", folderMissing: false)
      }
    }
    #expect(folder.read("out.csv") == "x\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".out.csv.rec-tmp-def", "out.csv"])
  }

  @Test func aMissingFolderIsSaid() {
    #expect(throws: AtomicFile.Failure(reason: "the folder does not exist", folderMissing: true)) {
      try AtomicFile.write("x", to: path("no/such/out.csv"))
    }
  }
}
