/// A small demo world cut at 2026-06-01 with two rows — `top` (the month's most played) and
/// `because` (co-visitation neighbours of the member's recent plays) — for tests that judge
/// pages made of them. Ten lines, each ending in a newline.
func smallDemoRows(members: Int, seed: Int) -> String {
  """
  load demo members \(members) titles 300 seed \(seed)
  split plays by time at 2026-06-01 into train, test
  row top "Top 20"
    from popular(window: 30d)
    limit 20
  row because "Because you watched {seed.name}"
    for seed in recent_plays(limit: 3)
    from similar(seed, by: covisit)
    exclude watched
    limit 20

  """
}
