/// How result tables are written: `.mode` in the REPL, `--format` on the command line.
public enum OutputFormat: String, Sendable, CaseIterable {
  /// Unicode box drawing, numbers right-aligned, a `N rows × M columns` footer.
  case box
  /// GitHub-flavoured Markdown tables.
  case markdown
  /// Each table with its header; tables separated by one blank line.
  case csv
  /// One JSON array of row objects per line.
  case json
  /// One `column = value` line per cell, a blank line between rows.
  case line
}
