import RealModule

extension DemoWorld {
  /// The weight the generator draws `member`'s searched-for (and played) titles with on the day
  /// of `at`: w(m, t) · (1 + buzz(age)), where w is popularity^α · Π exp(β · taste) over the
  /// title's genres · κ at home · e^γ per favourite actor in its cast, and buzz the extra weight
  /// of a title released `age` days before. 0 for an unknown member or title, or one not yet
  /// released. A search's click is drawn from these weights, so ranking by them is the ceiling.
  public func searchWeight(member: Int, title: Int, at: Int) -> Double {
    let m = member - 1
    let t = title - 1
    guard members.indices.contains(m), catalog.indices.contains(t) else { return 0 }
    // The day that holds `at`, rounding down before 1970 too.
    let day = at / 86_400 - (at % 86_400 < 0 ? 1 : 0)
    let age = day - catalog.releasedDay[t]
    guard age >= 0 else { return 0 }
    let taste = members.taste(of: m)
    let factor = { (g: Int) in
      g < DemoNames.genres.count ? Double.exp(DemoModel.tasteStrength * taste[taste.startIndex + g]) : 1
    }
    let (g0, g1, g2) = catalog.genreSlots[t]
    let favourites = catalog.cast[t].filter(members.favourites[m].contains).count
    let w = DemoSimulator.weight(
      popularity: Double.pow(catalog.popularity[t], DemoModel.popularityExponent),
      genreFactors: (factor(g0), factor(g1), factor(g2)), atHome: catalog.homeCountry[t] == members.country[m],
      favouritesInCast: favourites)
    return w * (1 + DemoModel.buzz(age: age))
  }
}
