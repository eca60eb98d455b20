/// What a member's title weight is made of, for one title: read for every title and member, so
/// packed into 16 bytes in release order rather than gathered from the catalog's columns.
struct DemoWeightFacts {
  /// popularity^α.
  var popularity: Double
  /// The title index.
  var title: Int32
  /// `DemoCatalog.genreSlots` of the title.
  var genre0, genre1, genre2: UInt8
  var homeCountry: UInt8
}

/// What a logged impression reads of its title, packed into 16 bytes for the page loop, which
/// visits titles in random order.
struct DemoPageFacts {
  /// The title's base take logit `b_t`.
  var takeBase: Double
  /// The title's artworks are `firstArtwork..<firstArtwork + artworkCount`.
  var firstArtwork: Int32
  var artworkCount: UInt8
  var genre0, genre1, genre2: UInt8

  /// `DemoCatalog.genreSlots` of the title.
  var genres: (Int, Int, Int) { (Int(genre0), Int(genre1), Int(genre2)) }
}
