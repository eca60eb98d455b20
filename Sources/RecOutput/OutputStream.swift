/// Where a session writes: result tables to `results` (standard output), status lines,
/// warnings and diagnostics to `status` (standard error). The front end decides what
/// the two streams are; the library never touches a terminal.
public enum OutputStream: Sendable {
  case results
  case status
}
