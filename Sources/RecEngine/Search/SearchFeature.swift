/// The built-in features a search ranker can read, each a number (or a group of indicator
/// columns) for a search s = (member m, query q, time τ) and a candidate title t, computed from
/// a `SearchHistory`:
///
/// | name | value |
/// |---|---|
/// | `query_length` | characters of q trimmed and lowercased |
/// | `intent` | 1 when `intent(q)` is explore |
/// | `country`, `language` | an indicator per value of the members' column, 1 for m's |
/// | `hour` | sin and cos of 2π · hour(τ, UTC) / 24 |
/// | `popularity` | log(1 + history plays of t) |
/// | `recency` | 0.5^((τ − released) / 90 days), 0 without a release day |
/// | `genres` | an indicator per genre of the catalog, 1 for t's |
/// | `kind` | 1 for a series |
/// | `prefix_match` | 1 when t's lowercased name starts with q, 0.5 when within the one edit of intent's fetch rule |
/// | `query_clicks` | log(1 + history searches with exactly the query q that clicked t) |
/// | `prefix_clicks` | log(1 + history searches whose query shares q's first three characters that clicked t) |
/// | `affinity` | `affinity(m, t)` with "now" the member's end of history |
/// | `genre_affinity` | mean over t's genres of m's share of history plays in the genre |
/// | `cluster_affinity` | m's share of history plays on titles of t's cluster |
/// | `seen` | 1 when m played t in the history |
/// | `country_popularity` | log(1 + history plays of t by members of m's country) |
package enum SearchFeature: String, CaseIterable, Sendable {
  case queryLength = "query_length"
  case intent, country, language, hour
  case popularity, recency, genres, kind
  case prefixMatch = "prefix_match"
  case queryClicks = "query_clicks"
  case prefixClicks = "prefix_clicks"
  case affinity
  case genreAffinity = "genre_affinity"
  case clusterAffinity = "cluster_affinity"
  case seen
  case countryPopularity = "country_popularity"

  /// The clause a feature is declared in: what it describes.
  package enum Family: String, CaseIterable, Sendable {
    case context, title
    case contextTitle = "context_title"
  }

  package var family: Family {
    switch self {
    case .queryLength, .intent, .country, .language, .hour: .context
    case .popularity, .recency, .genres, .kind: .title
    default: .contextTitle
    }
  }

  /// The names of a family, in declaration order.
  package static func names(of family: Family) -> [String] {
    allCases.filter { $0.family == family }.map(\.rawValue)
  }
}
