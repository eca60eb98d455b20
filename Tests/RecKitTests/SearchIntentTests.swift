import Testing

@testable import RecEngine

/// The catalog rule of `intent(query)` on a three-title catalog, and the `entropy` aggregate.
@Suite struct SearchIntentTests {
  static let titles = Table([
    ("name", Column(type: .string, values: ["The Kitchen", "Invisible Line", "Kind Wolf"].map(Value.string))),
    ("genres", Column(type: .list, values: [.list(["Comedy"]), .list(["Sci-Fi", "Drama"]), .list([])])),
    ("cast", Column(type: .list, values: [.list(["Ana Ruiz"]), .list([]), .list([])])),
  ])

  func intent(_ query: String) throws -> SearchIntent.Kind {
    var rule = try #require(SearchIntent(titles: Self.titles))
    return rule.classify(query)
  }

  @Test func genresAndPeopleAreExplore() throws {
    #expect(try intent("comedy") == .explore)
    #expect(try intent("  Sci-Fi ") == .explore)
    #expect(try intent("ana ruiz") == .explore)
  }

  @Test func prefixesAreFetchWithTheirTrailingBlank() throws {
    #expect(try intent("the k") == .fetch)
    #expect(try intent("The ") == .fetch)
    #expect(try intent("kind wolf") == .fetch)
    #expect(try intent("inv") == .fetch)
    // "kind " is a prefix; "kind  " (two blanks) is one character too many for 5 characters... but
    // an added character is an edit: still fetch.
    #expect(try intent("kind  ") == .fetch)
  }

  @Test func oneEditFromAPrefixIsFetch() throws {
    #expect(try intent("teh k") == .fetch)  // swap
    #expect(try intent("invsi") == .fetch)  // "invis" with a letter dropped, 5 → 5: dropped then one more
    #expect(try intent("ivis") == .fetch)  // "invis" with 'n' dropped
    #expect(try intent("te ") == .fetch)  // "the " with 'h' dropped: 3 characters
    #expect(try intent("kinx") == .fetch)  // replaced
    #expect(try intent("kindd") == .fetch)  // added
  }

  @Test func everythingElseIsOther() throws {
    #expect(try intent("zzzz") == .other)
    #expect(try intent("ki") == .fetch)
    #expect(try intent("kx") == .other)  // two characters: no edits
    #expect(try intent("tk ") == .other)  // two edits from "the "
    #expect(try intent("   ") == .other)
  }

  @Test func entropyOfEachGroupInBits() throws {
    // Groups a: values 1, 1, 2, 3 → counts 2, 1, 1 → 1.5 bits; b: 7, 7, 7, 9 → counts 3, 1 →
    // scipy.stats.entropy([3, 1], base=2) = 0.8112781244591328; c: only missing → 0.
    let table = Table([
      ("g", Column(type: .string, values: ["a", "a", "a", "a", "b", "b", "b", "b", "c"].map(Value.string))),
      ("x", Column(type: .int, ints: [1, 1, 2, 3, 7, 7, 7, 9, Int.min])),
    ])
    let grouping = try Grouping.by(table["g"]!, cancellation: .never)
    let h = try AggregateFunction.entropy.compute(table["x"], grouping: grouping, type: .float, cancellation: .never)
    #expect(h.doubleValues == [1.5, 0.8112781244591328, 0])
  }
}
