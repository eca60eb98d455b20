/// The demo's `truth` ranker: every candidate scored by the weight the generator drew the
/// member's titles with on the search's day, w(m, t) · (1 + buzz) (`DemoWorld.searchWeight`) —
/// the ceiling no ranker learned from the logs can pass.
package struct DemoTruthRanker: SearchRanker {
  package var world: DemoWorld
  package var sources = SearchCandidates.Source.all
  package var candidateLimit: Int? = SearchResults.defaultCandidateLimit

  package init(world: DemoWorld) {
    self.world = world
  }

  package func scores(for search: SearchRequest, candidates: SearchCandidates.Retrieved, history: SearchHistory) -> [Double] {
    candidates.titles.map { world.searchWeight(member: search.member, title: $0, at: search.at) }
  }
}
