/// The logical type of a column, as the user sees it in `.schema`.
public enum ColumnType: String, Sendable, CaseIterable {
  case int, float, bool, string, date, time, duration
  /// A list of strings (`genres`, `cast`, `directors`, `tags`).
  case list

  /// Whether values of this type are right-aligned and combine arithmetically.
  public var isNumeric: Bool {
    switch self {
    case .int, .float, .duration: true
    default: false
    }
  }
}
