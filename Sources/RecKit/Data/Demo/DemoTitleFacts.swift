/// What a member's title weight is made of, for one title: read for every title and member, so
/// packed together in release order rather than gathered from the catalog's columns.
struct DemoWeightFacts {
  /// popularity^α.
  var popularity: Double
  /// `DemoCatalog.genreSlots` of the title.
  var genres: (Int, Int, Int)
  var homeCountry: Int
  /// The title index.
  var title: Int
}

/// What a logged impression reads of its title, packed together for the page loop, which visits
/// titles in random order.
struct DemoPageFacts {
  /// The title's base take logit `b_t`.
  var takeBase: Double
  /// `DemoCatalog.genreSlots` of the title.
  var genres: (Int, Int, Int)
  /// The title's artworks are `firstArtwork..<firstArtwork + artworkCount`.
  var firstArtwork: Int
  var artworkCount: Int
}
