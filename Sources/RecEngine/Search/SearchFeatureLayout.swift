import RealModule

/// A ranker's input columns: its features in declaration order, each one column, or one per
/// value for the indicator features (`country_US`, `language_en`, `genres_Drama`, the values
/// sorted) and two for `hour` (`hour_sin`, `hour_cos`).
///
/// The values of the indicators are those of the training history, fixed with the ranker: a
/// search scored against another history reads its own member's country or title's genres by
/// name, and a value the ranker never saw sets no column.
package struct SearchFeatureLayout: Sendable, Equatable {
  package let features: [SearchFeature]
  package let columns: [String]
  /// Each feature's first column.
  let starts: [Int]
  let countries: [String: Int]
  let languages: [String: Int]
  let genres: [String: Int]

  package init(features: [SearchFeature], history: SearchFeatureHistory) {
    self.features = features
    var columns: [String] = []
    var starts: [Int] = []
    for feature in features {
      starts.append(columns.count)
      switch feature {
      case .country: columns += history.countries.map { "country_\($0)" }
      case .language: columns += history.languages.map { "language_\($0)" }
      case .genres: columns += history.genres.map { "genres_\($0)" }
      case .hour: columns += ["hour_sin", "hour_cos"]
      default: columns.append(feature.rawValue)
      }
    }
    self.columns = columns
    self.starts = starts
    func positions(_ values: [String]) -> [String: Int] {
      Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
    }
    countries = positions(history.countries)
    languages = positions(history.languages)
    genres = positions(history.genres)
  }

  /// The feature rows of a search by member id `member` for `query` at time `at` (seconds), one
  /// per candidate (catalog rows of the history's titles), `columns.count` values each, written
  /// one after the other into `out`.
  /// - Complexity: O(candidates · columns) plus the member's history (affinity reads their 20
  ///   latest titles' neighbours).
  package func rows(
    member: Int, query: String, at: Int, candidates: [Int], history: SearchFeatureHistory,
    scratch: inout SearchFeatureScratch, into out: inout [Double]
  ) {
    var search = SearchContext(member: member, query: query, at: at, history: history, layout: self, scratch: &scratch)
    let width = columns.count
    var row = [Double](repeating: 0, count: width)
    for candidate in candidates {
      for c in 0..<width { row[c] = 0 }
      let t = candidate < history.titleOfRow.count ? Int(history.titleOfRow[candidate]) : -1
      for (feature, start) in zip(features, starts) {
        search.write(feature, title: t, row: candidate, at: start, into: &row)
      }
      out.append(contentsOf: row)
    }
    if let view = search.view.take() { scratch.give(view, history.index) }
  }
}

/// What one search's feature rows share: the member's history and the query's matches.
private struct SearchContext {
  let history: SearchFeatureHistory
  let layout: SearchFeatureLayout
  let at: Int
  let queryLength: Double
  let explore: Bool
  let countryColumn: Int?
  let languageColumn: Int?
  let countryCode: Int32
  /// Catalog rows whose name starts with the query, and those within one edit of it.
  let exact: Set<Int>
  let nearly: Set<Int>
  let queryClicks: [Int: Int]
  let prefixClicks: [Int: Int]
  /// The member's view (affinity, what they played), nil without a history.
  var view: MemberView?
  /// Share of the member's history plays in each genre code, and in each title cluster.
  let genreShare: [Double]
  let clusterShare: [Double]

  init(
    member: Int, query: String, at: Int, history: SearchFeatureHistory, layout: SearchFeatureLayout,
    scratch: inout SearchFeatureScratch
  ) {
    self.history = history
    self.layout = layout
    self.at = at
    let normalised = SearchIntent.normalised(query)
    queryLength = Double(normalised.count)
    let matches = scratch.matcher.matches(query)
    explore = matches.explore
    exact = matches.exact
    nearly = matches.nearly
    queryClicks = history.queryClicks[query] ?? [:]
    prefixClicks = history.prefixClicks[SearchFeatureHistory.firstThree(query)] ?? [:]
    let index = history.index
    let m = index.memberNumber[member].map(Int.init)
    countryCode = m.map { history.memberCountry[$0] } ?? -1
    countryColumn = countryCode >= 0 ? layout.countries[history.countries[Int(countryCode)]] : nil
    let language = m.map { history.memberLanguage[$0] } ?? -1
    languageColumn = language >= 0 ? layout.languages[history.languages[Int(language)]] : nil
    view = m.map {
      MemberView(
        member: $0, index: index, covisit: history.covisit, ordered: index.orderedPlays,
        buffers: scratch.takeBuffers(titles: index.titleCount))
    }
    var share = [Double](repeating: 0, count: index.genreNames.count)
    var clusters = [Double](repeating: 0, count: history.clusterCount)
    if let m, !index.plays(of: m).isEmpty {
      let plays = index.plays(of: m)
      for p in plays {
        let t = Int(index.playTitles[p])
        for g in index.genres(of: t) { share[Int(g)] += 1 }
        if history.clusterOfTitle[t] >= 0 { clusters[Int(history.clusterOfTitle[t])] += 1 }
      }
      for g in share.indices { share[g] /= Double(plays.count) }
      for c in clusters.indices { clusters[c] /= Double(plays.count) }
    }
    genreShare = share
    clusterShare = clusters
  }

  /// Writes `feature` for dense title `t` (-1 when the history does not know it), catalog row
  /// `row`, from column `start` of `out`.
  func write(_ feature: SearchFeature, title t: Int, row: Int, at start: Int, into out: inout [Double]) {
    let index = history.index
    let id = t >= 0 ? index.titleIDs[t] : Int.min
    switch feature {
    case .queryLength: out[start] = queryLength
    case .intent: out[start] = explore ? 1 : 0
    case .country: if let c = countryColumn { out[start + c] = 1 }
    case .language: if let c = languageColumn { out[start + c] = 1 }
    case .hour:
      let seconds = at % 86_400
      let hour = Double((seconds < 0 ? seconds + 86_400 : seconds) / 3600)
      out[start] = Double.sin(2 * Double.pi * hour / 24)
      out[start + 1] = Double.cos(2 * Double.pi * hour / 24)
    case .popularity: out[start] = t >= 0 ? Double.log(1 + Double(index.playCount[t])) : 0
    case .recency:
      guard t >= 0, history.released[t] != Int.min else { return }
      let (release, tooLate) = history.released[t].multipliedReportingOverflow(by: 86_400)
      let (since, overflow) = at.subtractingReportingOverflow(release)
      out[start] = overflow || tooLate ? 0 : Double.pow(0.5, Double(since) / (90 * 86_400))
    case .genres:
      guard t >= 0 else { return }
      for g in index.genres(of: t) {
        if let c = layout.genres[index.genreNames[Int(g)]] { out[start + c] = 1 }
      }
    case .kind: out[start] = t >= 0 && history.series[t] ? 1 : 0
    case .prefixMatch: out[start] = exact.contains(row) ? 1 : nearly.contains(row) ? 0.5 : 0
    case .queryClicks: out[start] = Double.log(1 + Double(queryClicks[id] ?? 0))
    case .prefixClicks: out[start] = Double.log(1 + Double(prefixClicks[id] ?? 0))
    case .affinity: out[start] = t >= 0 ? Double(view?.affinity[t] ?? 0) : 0
    case .genreAffinity:
      guard t >= 0 else { return }
      let genres = index.genres(of: t)
      guard !genres.isEmpty else { return }
      out[start] = genres.reduce(0) { $0 + genreShare[Int($1)] } / Double(genres.count)
    case .clusterAffinity:
      guard t >= 0, history.clusterOfTitle[t] >= 0 else { return }
      out[start] = clusterShare[Int(history.clusterOfTitle[t])]
    case .seen: out[start] = t >= 0 && view?.watched[t] == true ? 1 : 0
    case .countryPopularity:
      guard t >= 0, countryCode >= 0 else { return }
      out[start] = Double.log(1 + Double(history.countryPlays[Int(countryCode) * index.titleCount + t]))
    }
  }
}
