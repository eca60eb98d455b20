#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way rec writes a file — saved tables, exported pages, `.save`, charts, notebook
/// documents, formatted scripts, the REPL's history: a reader sees the old file or the new one,
/// never a part of one, and a failed write leaves the old file as it was.
///
/// - The target must be a regular file, or not exist yet: a device, a FIFO, a socket or a
///   folder is refused (`save t to "/dev/null"` must not replace the device).
/// - A symbolic link is followed: the file it points to is replaced, and the link stays.
/// - The bytes go to a temporary file in the target's folder (so that the rename stays on one
///   file system), created afresh (`O_EXCL`, `O_NOFOLLOW`: a link planted under its name cannot
///   redirect the write) under an unpredictable name, flushed to the disk, given the target's
///   permissions (and owner, where the process may), then renamed over the target, and the
///   folder is flushed too.
/// - Temporary files of this kind older than a day (left by a process that was killed) are
///   removed from the folder.
/// - A failure gives the operating system's reason.
public enum AtomicFile {
  /// Why a file could not be written, in words for a diagnostic.
  public struct Failure: Error, Sendable, Equatable {
    public let reason: String
    /// Whether the folder the file should go in does not exist.
    public let folderMissing: Bool

    public init(reason: String, folderMissing: Bool) {
      self.reason = reason
      self.folderMissing = folderMissing
    }
  }

  /// The write was given up because a stop was asked for; the target is as it was.
  public static let interrupted = Failure(reason: "interrupted", folderMissing: false)

  /// What a temporary file's name holds after the target's: how leftovers are recognised.
  static let marker = ".rec-tmp-"

  /// Replaces the file at `path` with `bytes`; when `stop` says so (asked between pieces of a
  /// megabyte, and once more before the rename), the target is left as it was and
  /// `interrupted` thrown.
  public static func write(_ bytes: [UInt8], to path: String, stop: () -> Bool = { false }) throws(Failure) {
    try replace(path) { fd throws(Failure) in
      var written = 0
      let error: Int32 = bytes.withUnsafeBytes { raw in
        while written < raw.count, let base = raw.baseAddress {
          if stop() { return EINTR }
          let n = systemWrite(fd, base + written, min(raw.count - written, 1 << 20))
          if n < 0 {
            if errno == EINTR { continue }
            return errno
          }
          written += n
        }
        return 0
      }
      if error == EINTR { throw interrupted }
      if error != 0 { throw failure(error) }
      // Flushing to the disk is the slow part of a large write: a stop that came during it is
      // still in time to keep the old file.
      guard fsync(fd) == 0 else { throw failure(errno) }
      if stop() { throw interrupted }
    }
  }

  /// Replaces the file at `path` with `text`, UTF-8.
  public static func write(_ text: String, to path: String) throws(Failure) {
    try write(Array(text.utf8), to: path)
  }

  /// Replaces the file at `path` with what `fill` writes to the open temporary file it is given.
  /// `fill` throws to give up; the temporary file is then removed and the target left alone.
  public static func replace(_ path: String, _ fill: (Int32) throws(Failure) -> Void) throws(Failure) {
    try replace(path) { fd, _ throws(Failure) in try fill(fd) }
  }

  /// Replaces the file at `path` with what `fill` writes to the temporary file it is given, open
  /// and by path (for writers that only take a path, such as libedit's history).
  public static func replace(_ path: String, _ fill: (Int32, String) throws(Failure) -> Void) throws(Failure) {
    let target = try resolve(path)
    let (folder, base) = split(target)
    removeLeftovers(in: folder, of: base)
    let (fd, temporary) = try create(folder: folder, base: base)
    do throws(Failure) {
      try fill(fd, temporary)
      try keepPermissions(of: target, on: fd)
      guard fsync(fd) == 0 else { throw failure(errno) }
      guard close(fd) == 0 else { throw failure(errno) }
      guard rename(temporary, target) == 0 else { throw failure(errno) }
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    syncFolder(folder)
  }

  /// Whether `replace` could write `path` now: the target is a regular file or absent, and a
  /// temporary file can be created beside it (then removed). For writes that come at the end of
  /// a long run, so that a read-only or missing folder fails before the run rather than after.
  public static func probe(_ path: String) throws(Failure) {
    let (folder, base) = split(try resolve(path))
    let (fd, temporary) = try create(folder: folder, base: base)
    close(fd)
    unlink(temporary)
  }

  // MARK: - Steps

  /// The file to replace: `path`, or what a symbolic link at `path` points to; refused when it
  /// exists and is not a regular file.
  private static func resolve(_ path: String) throws(Failure) -> String {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      if errno == ENOENT { return path }
      throw failure(errno)
    }
    var target = path
    if status.st_mode & S_IFMT == S_IFLNK {
      guard let real = realpath(path, nil) else {
        // A dangling link: the file it names is made where it points.
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { throw failure(errno) }
        let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return link.hasPrefix("/") ? link : split(path).folder + link
      }
      target = String(cString: real)
      free(real)
      guard stat(target, &status) == 0 else { throw failure(errno) }
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      throw Failure(reason: "'\(path)' is not a regular file", folderMissing: false)
    }
    return target
  }

  /// A new temporary file beside the target, open for writing: its name cannot be guessed, and a
  /// file or link already under it makes the creation fail instead of being written through.
  private static func create(folder: String, base: String) throws(Failure) -> (Int32, String) {
    for _ in 0..<8 {
      var random = SystemRandomNumberGenerator()
      let name = folder + "." + base + marker + String(random.next(), radix: 36)
      if let fd = try openNew(name) { return (fd, name) }
    }
    throw Failure(reason: "no temporary file could be created beside it", folderMissing: false)
  }

  /// A file created at `path` for writing, only readable by its owner until its permissions are
  /// set; nil when something (a file, a link) is already there.
  static func openNew(_ path: String) throws(Failure) -> Int32? {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    if fd >= 0 { return fd }
    let code = errno
    if code == EEXIST { return nil }
    // A folder that exists but takes no new files (`/proc`) also answers "no such file".
    if code == ENOENT, access(split(path).folder.isEmpty ? "." : split(path).folder, F_OK) == 0 {
      throw Failure(reason: "no file can be made in that folder", folderMissing: false)
    }
    throw failure(code)
  }

  /// Gives the temporary file the permissions (and owner, where allowed) of the file it
  /// replaces; a new file gets the usual permissions under the process's umask.
  private static func keepPermissions(of target: String, on fd: Int32) throws(Failure) {
    var status = stat()
    if stat(target, &status) == 0 {
      guard fchmod(fd, status.st_mode & 0o7777) == 0 else { throw failure(errno) }
      // Only a privileged process may give a file away; others keep their own ownership.
      _ = fchown(fd, status.st_uid, status.st_gid)
    } else {
      let mask = umask(0)
      umask(mask)
      guard fchmod(fd, 0o666 & ~mask) == 0 else { throw failure(errno) }
    }
  }

  /// Removes temporary files of this kind for `base`, older than a day, from `folder`.
  private static func removeLeftovers(in folder: String, of base: String) {
    guard let dir = opendir(folder.isEmpty ? "." : folder) else { return }
    defer { closedir(dir) }
    let prefix = "." + base + marker
    let dayAgo = time(nil) - 86_400
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      guard name.hasPrefix(prefix) else { continue }
      var status = stat()
      let path = folder + name
      if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mtim.tv_sec < dayAgo {
        unlink(path)
      }
    }
  }

  /// Flushes the folder's entry for the renamed file.
  private static func syncFolder(_ folder: String) {
    let fd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// The folder (with its trailing `/`, or empty) and the name of `path`.
  private static func split(_ path: String) -> (folder: String, base: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[...slash]), String(path[path.index(after: slash)...]))
  }

  private static func failure(_ code: Int32) -> Failure {
    if code == ENOENT { return Failure(reason: "the folder does not exist", folderMissing: true) }
    return Failure(reason: String(cString: strerror(code)), folderMissing: false)
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif
