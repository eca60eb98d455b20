/// The statements the benchmarks time: the tour's row-ranked page, and the page of rows
/// MovieLens data supports.
public enum BenchmarkScripts {
  /// `text` as a string literal of rec: quotes and backslashes escaped.
  static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// The contract tour's page (also the start of the home-page quality tests' definitions).
  public static let tourPage = """
    row continue "Continue watching"
      from continue_watching(min: 5%, max: 90%)

    row top10 "Top 10 in {member.country} today"
      from popular(window: 7d, by: member.country)
      limit 10

    row new "New releases"
      from titles where released within 90d
      order by popularity desc

    \(personalRows)

    \(balanced)

    page home_ranked "Row-ranked home"
      candidates continue, top10, new, because, genre
      utility 0.7 * relevance + 0.2 * freshness + 0.1 * popularity
      diversity balanced
      size 10 x 20
    """

  /// The rows MovieLens data supports: ratings are plays (no completion, no impressions, no
  /// countries), movies have genres but no release dates.
  public static let movieLensPage = """
    row popular "Popular on MovieLens"
      from popular()
      exclude watched

    row month "Popular this month"
      from popular(window: 30d)
      exclude watched

    \(personalRows)

    row picks "Top picks for you"
      from top_picks()
      exclude watched

    \(balanced)

    page home_ml "MovieLens home"
      candidates popular, month, because, genre, picks
      utility 0.7 * relevance + 0.2 * freshness + 0.1 * popularity
      diversity balanced
      size 10 x 20
    """

  /// The artwork policies of the contract (LinUCB on `member.taste` alone: 20 features with the
  /// constant).
  public static let policies = """
    policy greedy10 = epsilon_greedy(epsilon: 10%) context country, top_genre
    policy ts = thompson(prior: beta(1, 1)) context country
    policy lin = linucb(alpha: 0.5) features member.taste
    policy uniform = random
    """

  /// Fixed versions of two of them, trained on the logged impressions: judged as the policies
  /// training produced, without learning (`frozen` in `rec bench bandits`).
  public static let frozenPolicies = """
    policy greedy_fixed = epsilon_greedy(epsilon: 10%) context country, top_genre trained on impressions
    policy ts_fixed = thompson(prior: beta(1, 1)) context country trained on impressions
    """

  /// The personal rows both pages share: neighbours of recent plays, and the member's genres.
  private static let personalRows = """
    row because "Because you watched {seed.name}"
      for seed in recent_plays(limit: 3)
      from similar(seed, by: covisit)
      exclude watched
      limit 20

    row genre "{genre} picks for you"
      for genre in top_genres(limit: 5)
      from titles where genre in genres
      order by affinity(member, title) desc
      exclude watched
    """

  private static let balanced = """
    diversity balanced
      unique titles
      max 2 rows per genre
      max similarity 50% by titles
      penalty 0.3
      min row length 5
    """
}
