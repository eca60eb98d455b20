extension DemoSimulator {
  /// The member's searches: 0–5 moments in the active days. Most look for a title drawn from the
  /// member's weights, typed as a prefix of its name (3–8 letters), some with a one-letter typo;
  /// the rest type a genre of the member's taste. Clicks follow the intent, or are missing.
  mutating func simulateSearches(member m: Int, into log: inout DemoLog) {
    var random = SeededRandom(seed: seed, stream: DemoModel.stream(member: m, .searches))
    let count = DemoModel.searchesPerMember.lowerBound + random.below(DemoModel.searchesPerMember.count)
    let tasteTotals = runningTotals(Array(members.taste(of: m)))
    for at in Self.moments(count, in: activeDays(member: m), random: &random) {
      let day = at / 86400
      var query: String
      var clicked: Int? = nil
      var intended: Int? = nil
      var genre = -1
      var typo = false
      if random.chance(DemoModel.titleQueryShare), let t = personal.draw(day: day, random: &random) {
        intended = t
        let name = Array(catalog.names[t].lowercased())
        let prefix = Array(name.prefix(3 + random.below(6)))
        if prefix.count >= 4 && random.chance(DemoModel.typoShare) {
          typo = true
          query = String(Self.typo(prefix, random: &random))
          if random.chance(DemoModel.typoClickShare) { clicked = t }
        } else {
          query = String(prefix)
          if random.chance(DemoModel.prefixClickShare) { clicked = t }
        }
      } else {
        let g = random.pick(cumulative: tasteTotals)
        genre = g
        query = DemoNames.genres[g].lowercased()
        if random.chance(DemoModel.genreClickShare) {
          for _ in 0..<30 where clicked == nil {
            if let t = personal.draw(day: day, random: &random), catalog.genres[t].contains(g) {
              clicked = t
            }
          }
        }
      }
      log.searchMember.append(Int32(m + 1))
      log.searchQuery.append(query)
      log.searchAt.append(Int32(at))
      log.searchClicked.append(clicked.map { Int32($0 + 1) } ?? Int32.min)
      log.searchIntended.append(intended.map { Int32($0 + 1) } ?? Int32.min)
      log.searchGenre.append(Int16(genre))
      log.searchTypo.append(typo ? 1 : 0)
    }
  }

  /// `text` with one letter (never the first) replaced, dropped, or swapped with the one before.
  static func typo(_ text: [Character], random: inout SeededRandom) -> [Character] {
    var s = text
    let i = 1 + random.below(s.count - 1)
    switch random.below(3) {
    case 0 where s[i] != s[i - 1]:
      s.swapAt(i, i - 1)
    case 1:
      s.remove(at: i)
    default:
      let letters = Array("abcdefghijklmnopqrstuvwxyz")
      var c = letters[random.below(letters.count)]
      while c == s[i] { c = letters[random.below(letters.count)] }
      s[i] = c
    }
    return s
  }
}

extension DemoLog {
  /// `searches`: member, query, at, clicked (title id, missing when nothing was clicked).
  func searchesTable() -> Table {
    var queries = StringDictionary()
    let codes = searchQuery.map { queries.intern($0) }
    return Table([
      ("member", Column(type: .int, storage: .int32(searchMember))),
      ("query", Column(type: .string, storage: .string(codes, queries))),
      ("at", Column(type: .time, storage: .int32(searchAt))),
      ("clicked", Column(type: .int, storage: .int32(searchClicked))),
    ])
  }

  /// `truth.searches`: each row of `searches` (same order, same member, query, at) with what
  /// the member meant: `intent` (`fetch` a title or `explore` a genre), the `intended` title of a
  /// fetch, the `genre` of an explore, and whether the query carries a `typo`.
  func truthSearchesTable() -> Table {
    var queries = StringDictionary()
    let codes = searchQuery.map { queries.intern($0) }
    var intents = StringDictionary()
    let fetch = intents.intern("fetch")
    let explore = intents.intern("explore")
    var genres = StringDictionary()
    let genreCodes = DemoNames.genres.map { genres.intern($0) }
    return Table([
      ("member", Column(type: .int, storage: .int32(searchMember))),
      ("query", Column(type: .string, storage: .string(codes, queries))),
      ("at", Column(type: .time, storage: .int32(searchAt))),
      ("intent", Column(type: .string, storage: .string(searchGenre.map { $0 < 0 ? fetch : explore }, intents))),
      ("intended", Column(type: .int, storage: .int32(searchIntended))),
      ("genre", Column(type: .string, storage: .string(searchGenre.map { $0 < 0 ? -1 : genreCodes[Int($0)] }, genres))),
      ("typo", Column(type: .bool, storage: .bool(searchTypo))),
    ])
  }
}
