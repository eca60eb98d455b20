import RecCore

/// The parameters of the demo world's generative model (documented in README "The demo world").
enum DemoModel {
  // MARK: - Calendar

  /// 2025-07-01, the first day of plays.
  static let startDay = CivilTime.days(year: 2025, month: 7, day: 1)
  /// Plays run for 365 days, to 2026-06-30T23:59.
  static let dayCount = 365
  static let startSecond = startDay * 86400
  static let endSecond = (startDay + dayCount) * 86400
  /// Relative weight of each hour of the day (UTC) for sessions, pages and searches.
  static let hourWeights: [Double] = [
    2, 1, 1, 0.5, 0.5, 0.5, 1, 2, 2, 2, 2, 3, 4, 3, 3, 3, 4, 5, 7, 9, 10, 9, 6, 3,
  ]

  // MARK: - Catalog

  static let seriesShare = 0.35
  /// Share of titles released during the data year (uniformly over its days).
  static let newReleaseShare = 0.18
  /// Mean age in days of the back catalog at 2025-07-01 (exponential), floored at 1960-01-01.
  static let backCatalogMeanAge = 2200.0
  /// Latent popularity is lognormal: exp(σ · N(0, 1)).
  static let popularitySigma = 1.1
  static let actorPool = 400
  static let directorPool = 150
  /// Share of a title's cast drawn from actors whose home genre is one of the title's genres.
  static let castGenreShare = 0.7

  // MARK: - Members

  /// Members who joined before the data year (exponential age, mean in days); the rest join during it.
  static let joinedBeforeShare = 0.75
  static let joinedMeanAge = 900.0
  /// Plays per member per year: lognormal with this mean and log-scale σ.
  static let meanPlays = 100.0
  static let activitySigma = 0.8
  /// Share of taste weight on the member's 2–4 favourite genres; the rest is spread evenly.
  static let favouriteShare = 0.85
  static let favouriteCast = 3
  /// Probability that a play is on the member's usual device.
  static let usualDeviceShare = 0.7

  // MARK: - Choice of title

  /// weight(t) = popularity^α · exp(β · taste·genres + γ · favourite cast in t) · κ^[home country]
  ///   · (1 + B · exp(−days since release / τ)) · [released]
  static let popularityExponent = 1.0
  static let tasteStrength = 7.0
  static let castStrength = 1.0
  /// e^γ: a title's weight is multiplied by it once per favourite actor it casts.
  static let castFactor = Double.exp(castStrength)
  static let homeTilt = 2.5
  static let buzzBoost = 4.0
  static let buzzDays = 14.0
  /// Buzz is dropped after this many days (when it is below 2% of its start).
  static let buzzHorizon = 56

  /// The extra weight B · exp(−age / τ) of a title released `age` days ago; 0 outside the horizon.
  static func buzz(age: Int) -> Double {
    (0..<buzzHorizon).contains(age) ? buzzBoost * Double.exp(-Double(age) / buzzDays) : 0
  }
  /// Redraws when the drawn title was already started and is not an unfinished series.
  static let redraws = 6

  // MARK: - Viewing

  /// Mean plays per viewing session, used to turn a member's yearly plays into sessions.
  static let playsPerSession = 1.9
  /// Probability that a session goes back to an unfinished series instead of drawing a title.
  static let continueSeriesShare = 0.45
  /// Probability of watching one more episode in a session (geometric).
  static let anotherEpisode = 0.55
  static let partialLastEpisode = 0.25
  /// Probability that a movie is finished in one play: finishBase + finishLike · like.
  static let finishBase = 0.55
  static let finishLike = 0.4
  static let resumeShare = 0.4
  /// Probability of dropping a series after a session: dropUnliked · (1 − like).
  static let dropUnliked = 0.5
  /// Probability of rating a title when the member is done with it.
  static let ratingShare = 0.2

  // MARK: - Logged pages and searches

  static let pagesPerMember = 3...5
  static let pageRows = 5
  static let pageColumns = 8
  /// Searches per member per year: uniform in this range.
  static let searchesPerMember = 0...5
  static let titleQueryShare = 0.65
  static let typoShare = 0.3
  static let prefixClickShare = 0.85
  static let typoClickShare = 0.7
  static let genreClickShare = 0.6
  /// Members whose first logged page is kept in `pages`: ids 1, 1 + step, 1 + 2·step, …
  static let pagesSampleStep = 10

  // MARK: - Streams of SeededRandom

  static let catalogStream: UInt64 = 1 << 62
  static let takeStream: UInt64 = 1 << 62 + 1
  static func stream(member: Int, _ purpose: Purpose) -> UInt64 {
    UInt64(member) &* 8 &+ purpose.rawValue
  }

  /// What a member's sub-stream is used for; each has its own, so changing one leaves the others.
  enum Purpose: UInt64 {
    case profile, plays, pages, searches, exposures
  }
}

extension DemoModel {
  /// Spread of the genre × tag take weights w (normal, mean 0).
  static let genreTagSigma = 0.7
  /// Spread of the country × tag take weights u (normal, mean 0).
  static let countryTagSigma = 0.5
  /// δ: weight of the member's affinity for the title in the take logit.
  static let takeAffinity = 1.5
}

extension DemoModel {
  /// Candidate titles of the randomised holdout at each logged page moment.
  static let exposureCandidates = 8
  /// P(shown): each candidate is shown with this probability, else held out.
  static let exposureShown = 0.8
  /// The organic play logit, `b_t + δ · affinity + organicPopularity · ln p_t + organicShift`:
  /// popular and liked titles get played within the week whether shown or not.
  static let organicPopularity = 0.6
  static let organicShift = -1.5
  /// The lift of showing, `λ0 + λ1 · like · (1 − σ(ln p_t)) + λ2 · buzz − λ3 · [done with t]`:
  /// most for liked titles few know of, little for blockbusters, negative for titles already watched.
  static let liftBase = 0.1
  static let liftLiked = 2.0
  static let liftBuzz = 0.5
  static let liftDone = 0.6
}
