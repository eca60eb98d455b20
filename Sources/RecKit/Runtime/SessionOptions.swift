import RecOutput

/// The settings a front end passes to a `Session`.
public struct SessionOptions: Sendable {
  /// How result tables are drawn.
  public var format: OutputFormat
  /// The terminal width in columns (tables and charts are fitted to it).
  public var width: Int
  /// Whether diagnostics and borders may use ANSI colour.
  public var colored: Bool
  /// The folder relative paths in statements are read from (the script's folder, or the working directory).
  public var directory: String
  /// Whether to print each statement's wall time (`.timer on`).
  public var timer: Bool
  /// Folders `import` may read besides `directory` (`REC_IMPORT_PATH`).
  public var importPath: [String]
  /// What footers say to see what a table leaves out: the dot-commands at the prompt, the
  /// command line's options under `rec run` and `rec -c`.
  public var hint: SeeAllHint = .dotCommands
  /// Whether a script that prints several results heads each with a caption naming the line of
  /// the statement that made it (`-- tour.rec:12`): `rec run` in box mode, where nothing else
  /// tells the results apart (the notebook has its own captions; the other formats are for tools).
  public var captions = false

  public init(
    format: OutputFormat = .box, width: Int = 100, colored: Bool = false, directory: String = ".",
    timer: Bool = false, importPath: [String] = []
  ) {
    self.format = format
    self.width = width
    self.colored = colored
    self.directory = directory
    self.timer = timer
    self.importPath = importPath
  }
}
