/// How a footer tells the user to see what a table or page left out: with the dot-commands at
/// the prompt, with the command line's options under `rec run` and `rec -c`, and not at all in a
/// notebook, where neither applies.
public enum SeeAllHint: Sendable {
  case dotCommands
  case commandLine
  case none

  /// The way to every row, or nil.
  var allRows: String? {
    switch self {
    case .dotCommands: "use .mode csv or save NAME to \"file.csv\" to see all"
    case .commandLine: "use --format csv or save NAME to \"file.csv\" to see all"
    case .none: nil
    }
  }

  /// The way to every cell of a page, or nil.
  var allCells: String? {
    switch self {
    case .dotCommands: "use .mode csv to see every cell"
    case .commandLine: "use --format csv to see every cell"
    case .none: nil
    }
  }
}
