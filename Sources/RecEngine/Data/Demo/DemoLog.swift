/// The rows the members' simulated year produces, column by column, for a range of members;
/// chunks made in parallel are joined in member order with `append`.
struct DemoLog: Sendable {
  var playMember: [Int32] = []
  var playTitle: [Int32] = []
  var playAt: [Int32] = []
  var playSeconds: [Int32] = []
  var playCompletion: [Double] = []
  var playDevice: [Int32] = []

  var ratingMember: [Int32] = []
  var ratingTitle: [Int32] = []
  var ratingAt: [Int32] = []
  var rating: [Double] = []

  var impressionMember: [Int32] = []
  var impressionTitle: [Int32] = []
  var impressionAt: [Int32] = []
  /// The page's number within this log, from 1; renumbered to follow the earlier pages by `append`.
  var impressionPage: [Int32] = []
  var impressionRow: [Int32] = []
  var impressionPosition: [Int32] = []
  var impressionArtwork: [Int32] = []
  var impressionPropensity: [Double] = []
  var impressionPlayed: [Int8] = []
  /// The true take probability of the impression.
  var impressionTruth: [Double] = []

  /// Per logged page: its member, the index of its first impression, and each row's title code
  /// (a `DemoRow.titleCode`).
  var pageMember: [Int32] = []
  var pageFirstImpression: [Int] = []
  var pageRowTitles: [Int32] = []

  var searchMember: [Int32] = []
  var searchQuery: [String] = []
  var searchAt: [Int32] = []
  /// Title id, or `Int32.min` when nothing was clicked.
  var searchClicked: [Int32] = []
  /// What the member meant (`truth.searches`): the title looked for (id), or `Int32.min` for a
  /// genre query; its genre index for a genre query, else -1; whether the query has a typo.
  var searchIntended: [Int32] = []
  var searchGenre: [Int16] = []
  var searchTypo: [Int8] = []

  var exposureMember: [Int32] = []
  var exposureTitle: [Int32] = []
  var exposureAt: [Int32] = []
  /// The logged page whose moment the exposure shares, numbered as `impressionPage`.
  var exposurePage: [Int32] = []
  var exposureSlot: [Int32] = []
  var exposureShown: [Int8] = []
  var exposurePlayed: [Int8] = []
  /// The true play probabilities within the week, if shown and if held out.
  var exposureShownProbability: [Double] = []
  var exposureHeldProbability: [Double] = []

  var pageCount: Int { pageMember.count }

  init() {}

  /// An empty log with room for the plays of `members` average members and the impressions of as
  /// many members with the most pages.
  init(reservingFor members: Int) {
    let plays = members * Int(DemoModel.meanPlays * 1.2)
    let impressions = members * DemoModel.pageRows * DemoModel.pageColumns * DemoModel.pagesPerMember.upperBound
    for column in [\Self.playMember, \.playTitle, \.playAt, \.playSeconds, \.playDevice] {
      self[keyPath: column].reserveCapacity(plays)
    }
    playCompletion.reserveCapacity(plays)
    for column in [\Self.impressionMember, \.impressionTitle, \.impressionAt, \.impressionPage, \.impressionRow,
                   \.impressionPosition, \.impressionArtwork] {
      self[keyPath: column].reserveCapacity(impressions)
    }
    impressionPropensity.reserveCapacity(impressions)
    impressionPlayed.reserveCapacity(impressions)
    impressionTruth.reserveCapacity(impressions)
  }

  /// Appends `other`'s rows after this log's, renumbering its pages to follow this log's.
  mutating func append(_ other: DemoLog) {
    playMember += other.playMember
    playTitle += other.playTitle
    playAt += other.playAt
    playSeconds += other.playSeconds
    playCompletion += other.playCompletion
    playDevice += other.playDevice

    ratingMember += other.ratingMember
    ratingTitle += other.ratingTitle
    ratingAt += other.ratingAt
    rating += other.rating

    let pageOffset = Int32(pageCount)
    let impressionOffset = impressionMember.count
    impressionMember += other.impressionMember
    impressionTitle += other.impressionTitle
    impressionAt += other.impressionAt
    impressionPage.append(contentsOf: other.impressionPage.lazy.map { $0 + pageOffset })
    impressionRow += other.impressionRow
    impressionPosition += other.impressionPosition
    impressionArtwork += other.impressionArtwork
    impressionPropensity += other.impressionPropensity
    impressionPlayed += other.impressionPlayed
    impressionTruth += other.impressionTruth
    pageMember += other.pageMember
    pageFirstImpression.append(contentsOf: other.pageFirstImpression.lazy.map { $0 + impressionOffset })
    pageRowTitles += other.pageRowTitles

    searchMember += other.searchMember
    searchQuery += other.searchQuery
    searchAt += other.searchAt
    searchClicked += other.searchClicked
    searchIntended += other.searchIntended
    searchGenre += other.searchGenre
    searchTypo += other.searchTypo

    exposureMember += other.exposureMember
    exposureTitle += other.exposureTitle
    exposureAt += other.exposureAt
    exposurePage.append(contentsOf: other.exposurePage.lazy.map { $0 + pageOffset })
    exposureSlot += other.exposureSlot
    exposureShown += other.exposureShown
    exposurePlayed += other.exposurePlayed
    exposureShownProbability += other.exposureShownProbability
    exposureHeldProbability += other.exposureHeldProbability
  }
}
