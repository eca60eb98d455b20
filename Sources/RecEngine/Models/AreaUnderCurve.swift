/// The area under the ROC curve of `scores` against `labels`, by the rank statistic
/// (Mann–Whitney U): (sum of the positives' ranks − P(P+1)/2) / (P·N), tied scores sharing the
/// mean of their ranks, so a tie between a positive and a negative counts one half.
/// nil when either class is absent, or when there are 2³¹ − 1 scores or more.
/// - Complexity: O(n): a radix sort of the scores (training AUCs run over millions of rows).
package func areaUnderCurve(_ scores: [Double], labels: [Bool]) -> Double? {
  guard scores.count < Int(Int32.max) else { return nil }
  let codes = SortCodes(Column(type: .float, storage: .float64(scores)), descending: false)
  let order = RadixSort.stableOrder(refining: nil, by: codes) ?? Array(0..<Int32(scores.count))
  var positiveRanks = 0.0
  var start = 0
  while start < order.count {
    var end = start
    while end < order.count, scores[Int(order[end])] == scores[Int(order[start])] { end += 1 }
    // Ranks start + 1 … end share their mean.
    let rank = Double(start + 1 + end) / 2
    for i in order[start..<end] where labels[Int(i)] { positiveRanks += rank }
    start = end
  }
  let positives = Double(labels.filter { $0 }.count)
  let negatives = Double(labels.count) - positives
  guard positives > 0, negatives > 0 else { return nil }
  return (positiveRanks - positives * (positives + 1) / 2) / (positives * negatives)
}
