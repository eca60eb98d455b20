/// The built-in row sources of the language (LANGUAGE.md §3), for checking and completion.
enum RowSources {
  /// Sources a row's `from` clause may call.
  static let names = [
    "continue_watching", "popular", "trending", "new_releases", "similar", "top_picks", "titles",
  ]
  /// Sources a row's `for x in …` clause may expand over.
  static let expansions = ["recent_plays", "top_genres"]
}

