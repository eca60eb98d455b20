extension Formatter {
  /// `ranker NAME = MODEL`, then one clause line each for `candidates … [limit N]`, the family
  /// lines in the order written, `negatives` and `trained on`.
  static func lines(_ ranker: RankerDefinition) -> [Line] {
    var lines = [line("ranker \(ranker.name.text) = \(text(ranker.model))", at: ranker.range)]
    if let first = ranker.candidates.first {
      let limit = ranker.limit.map { " limit " + text($0) } ?? ""
      lines.append(line("candidates " + list(ranker.candidates.map(text)) + limit, 2, at: first.range))
    }
    for (family, features) in ranker.families {
      lines.append(line(family.text + " " + list(features.map(text)), 2, at: family.range))
    }
    if let negatives = ranker.negatives { lines.append(line("negatives " + text(negatives), 2, at: negatives.range)) }
    if let table = ranker.trainedOn { lines.append(line("trained on " + table.text, 2, at: table.range)) }
    return lines
  }
}
