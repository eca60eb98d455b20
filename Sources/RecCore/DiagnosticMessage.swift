/// The catalogue of every diagnostic the language and the engine produce.
///
/// Wording: lowercase, no final period, code in single quotes, "expected X after Y"
/// or "unexpected 'X' in Y". The `id` is the member's name, stable across releases.
/// Keep members sorted alphabetically.
public struct DiagnosticMessage: Sendable {
  public let id: String
  public let text: String

  init(_ id: String, _ text: String) {
    self.id = id
    self.text = text
  }

  /// "did you mean 'x'?" appended when a near name exists.
  static func suggesting(_ base: String, _ id: String, _ name: String, among known: [String]) -> DiagnosticMessage {
    if let near = nearest(to: name, among: known) {
      return DiagnosticMessage(id, "\(base); did you mean '\(near)'?")
    }
    return DiagnosticMessage(id, base)
  }
}

extension DiagnosticMessage {
  package static func aggregateOutsideGroup(_ name: String) -> Self {
    Self("aggregateOutsideGroup", "aggregate '\(name)' outside 'group by'")
  }

  /// "'epsilon' of 'epsilon_greedy' must be between 0% and 100%, found 150%"
  package static func argumentOutOfRange(_ label: String, of function: String, wanted: String, found: String) -> Self {
    Self("argumentOutOfRange", "'\(label)' of '\(function)' must be \(wanted), found \(found)")
  }

  /// "cannot compute 'uplift@10%' of 'causal' on 'ex_test': no control row among the first 12 rows"
  package static func cannotEvaluateUplift(_ metric: String, of model: String, on table: String, reason: String) -> Self {
    Self("cannotEvaluateUplift", "cannot compute '\(metric)' of '\(model)' on '\(table)': \(reason)")
  }

  package static func cannotJoin(_ left: String, _ right: String) -> Self {
    Self("cannotJoin", "cannot join \(left) with \(right)")
  }

  /// "cannot score 'causal' on 'ex_test': no control row: uplift needs both arms"
  package static func cannotScoreUplift(_ model: String, on table: String, reason: String) -> Self {
    Self("cannotScoreUplift", "cannot score '\(model)' on '\(table)': \(reason)")
  }

  /// "cannot read row 3 of 'ex_train': it has no 'member'"
  package static func cannotReadExposure(row: Int, of table: String, reason: String) -> Self {
    Self("cannotReadExposure", "cannot read row \(row) of '\(table)': \(reason)")
  }

  /// "cannot train 'row_model' on 'impressions': no logged row got a play"
  package static func cannotTrainModel(_ model: String, on table: String, reason: String) -> Self {
    Self("cannotTrainModel", "cannot train '\(model)' on '\(table)': \(reason)")
  }

  /// "cannot train 'search_nn' on 'before': no search of it has a click among its candidates"
  package static func cannotTrainRanker(_ ranker: String, on table: String, reason: String) -> Self {
    Self("cannotTrainRanker", "cannot train '\(ranker)' on '\(table)': \(reason)")
  }

  /// A file that exists could not be read (a folder, no permission, an input/output error).
  public static func cannotReadFile(_ path: String, reason: String) -> Self {
    Self("cannotReadFile", "cannot read '\(path)': \(reason)")
  }

  /// A file could not be written (`save`, `.save`, `export`, `rec fmt`).
  public static func cannotWriteFile(_ path: String, reason: String) -> Self {
    Self("cannotWriteFile", "cannot write '\(path)': \(reason)")
  }

  package static func columnOutsideAggregate(_ name: String) -> Self {
    Self("columnOutsideAggregate", "column '\(name)' must be a 'group by' key or inside an aggregate")
  }

  /// "'long' cannot be combined with 'per member' in 'eval'"
  package static func conflictingClauses(_ first: String, _ second: String, in statement: String) -> Self {
    Self("conflictingClauses", "'\(first)' cannot be combined with '\(second)' in '\(statement)'")
  }

  package static func cutoffTooSmall(_ written: String) -> Self {
    Self("cutoffTooSmall", "cut-off in '\(written)' must be at least 1")
  }

  package static func dataWarning(_ message: String) -> Self {
    Self("dataWarning", message)
  }

  package static func dataError(_ message: String) -> Self {
    Self("dataError", message)
  }

  package static func dotCommandUsage(_ usage: String) -> Self {
    Self("dotCommandUsage", "usage: '\(usage)'")
  }

  /// "split 'test' was dropped by a later load: built from the previous plays"
  package static func droppedByLoad(_ kind: String, _ name: String, reason: String) -> Self {
    Self("droppedByLoad", "\(kind) '\(name)' was dropped by a later load: \(reason)")
  }

  package static func duplicateClause(_ name: String, in definition: String) -> Self {
    Self("duplicateClause", "duplicate clause '\(name)' in \(definition) definition")
  }

  package static func duplicateColumn(_ name: String, in clause: String) -> Self {
    Self("duplicateColumn", "duplicate column '\(name)' in '\(clause)'")
  }

  package static func expected(_ what: String, after: String? = nil, found: String? = nil) -> Self {
    var t = "expected \(what)"
    if let after { t += " after \(after)" }
    if let found { t += ", found \(found)" }
    return Self("expected", t)
  }

  /// "'popularity' is a title feature: write it on the 'title' line"
  package static func featureOfOtherFamily(_ name: String, family: String) -> Self {
    Self("featureOfOtherFamily", "'\(name)' is a \(family) feature: write it on the '\(family)' line")
  }

  /// A file named in a statement or on the command line does not exist.
  public static func fileNotFound(_ path: String) -> Self {
    Self("fileNotFound", "no such file '\(path)': it does not exist")
  }

  /// "metric 'play_rate' is defined on 'impressions'; eval judges pages, so its metrics are defined 'on pages'"
  /// "replay of 'ts' matched only 12 impressions, fewer than 100: its take fraction is not to be trusted"
  package static func fewReplayMatches(_ policy: String, matched: Int, minimum: Int) -> Self {
    Self(
      "fewReplayMatches",
      "replay of '\(policy)' matched only \(thousands(matched)) \(matched == 1 ? "impression" : "impressions"), fewer than \(thousands(minimum)): "
        + "its take fraction is not to be trusted")
  }

  package static func formatChangesMeaning() -> Self {
    Self("formatChangesMeaning", "this statement would not mean the same in canonical layout, so the file was left as it is")
  }

  package static func formulaMetricTable(_ name: String, table: String) -> Self {
    Self(
      "formulaMetricTable",
      "metric '\(name)' is defined on '\(table)'; eval judges pages, so its metrics are defined 'on pages'")
  }

  package static func historyUnavailable() -> Self {
    Self("historyUnavailable", "'.history' is available only at the interactive prompt")
  }

  /// "import cycle: a.rec → b.rec → a.rec"
  package static func importCycle(_ files: [String]) -> Self {
    Self("importCycle", "import cycle: " + files.joined(separator: " → "))
  }

  /// "'../secrets.rec' is outside the folder '/work/project'; …"
  package static func importOutside(_ path: String, folder: String) -> Self {
    Self(
      "importOutside",
      "'\(path)' is outside the folder '\(folder)', and imports read files under it only "
        + "(REC_IMPORT_PATH names more folders)")
  }

  package static func importNotScript(_ path: String) -> Self {
    Self("importNotScript", "'\(path)' is not a .rec file; only rec scripts can be imported")
  }

  /// "import would replace the row 'top' defined elsewhere; write 'import \"…\" replacing' to replace it"
  package static func importRedefines(_ name: String, kind: String) -> Self {
    Self(
      "importRedefines",
      "this import would replace the \(kind) '\(name)' defined elsewhere; add 'replacing' after the file "
        + "name to replace it")
  }

  /// "integer overflow in '100000000000 * 100000000000': the result is beyond ±9223372036854775807"
  package static func integerOverflow(_ expression: String) -> Self {
    Self("integerOverflow", "integer overflow in '\(expression)': the result is beyond ±9223372036854775807")
  }

  package static func interrupted() -> Self {
    Self("interrupted", "interrupted")
  }

  /// "'log' expects a number, found text (column 'name')"
  package static func invalidArgument(_ function: String, expects: String, found: String, culprit: String?) -> Self {
    Self("invalidArgument", "'\(function)' expects \(expects), found \(found)" + (culprit.map { " (\($0))" } ?? ""))
  }

  package static func invalidCharacter(_ character: String) -> Self {
    Self("invalidCharacter", "unexpected character '\(character)'")
  }

  package static func invalidUTF8() -> Self {
    Self("invalidUTF8", "this line is not valid UTF-8: the file is left as it is, since its bytes could not be written back unchanged")
  }

  package static func invalidDate(_ text: String) -> Self {
    Self("invalidDate", "invalid date '\(text)': no such day in the calendar")
  }

  package static func invalidEscape(_ text: String) -> Self {
    Self("invalidEscape", "unknown escape sequence '\(text)' in string")
  }

  package static func invalidNumber(_ text: String) -> Self {
    Self("invalidNumber", "invalid number '\(text)'")
  }

  /// "cannot add text to number (column 'name')": `phrase` is the operation with its operand types.
  package static func invalidOperands(_ phrase: String, culprit: String?) -> Self {
    Self("invalidOperands", "cannot \(phrase)" + (culprit.map { " (\($0))" } ?? ""))
  }

  package static func invalidTime(_ text: String) -> Self {
    Self("invalidTime", "invalid time '\(text)': no such time of day")
  }

  /// "the uplift model 'm' reads 'slot' from the log 'ex_train', …": a model used for ranking.
  package static func logFeatureInRanking(_ model: String, feature: String, table: String) -> Self {
    Self(
      "logFeatureInRanking",
      "the uplift model '\(model)' reads '\(feature)' from the log '\(table)', not from a member and a title: "
        + "it cannot rank titles that were not shown; rank with a model whose features are such as "
        + "'affinity(member, title)', 'title.popularity' or 'member.country'")
  }

  /// The treatment, outcome or propensity written as a feature.
  package static func armAsFeature(_ column: String, role: String) -> Self {
    Self("armAsFeature", "'\(column)' is the model's \(role) column: it cannot be a feature")
  }

  /// A feature reading both a log's column and the member and title.
  package static func mixedFeature(log column: String, pair: String, table: String) -> Self {
    Self(
      "mixedFeature",
      "a feature reads either the log's columns (here '\(column)' of '\(table)') or the member and the title "
        + "(here '\(pair)'), not both; write them as two features")
  }

  package static func missingLogColumn(_ table: String, wanted: [String]) -> Self {
    let names = wanted.map { "'\($0)'" }.joined(separator: " or ")
    return Self("missingLogColumn", "'\(table)' is not a bandit log: it has no \(names) column")
  }

  package static func missingPropensity(_ estimator: String, table: String) -> Self {
    Self(
      "missingPropensity",
      "'\(estimator)' needs the logging policy's propensities, but '\(table)' has no 'propensity' column")
  }

  /// "no treatment column 'shown' in 'impressions'; …"
  package static func missingTreatment(table: String) -> Self {
    Self(
      "missingTreatment",
      "no treatment column 'shown' in '\(table)'; name the 0/1 or true/false column that says "
        + "whether a row was treated with 'treat C'")
  }

  /// "cannot mix rankers and pages in one 'eval': 'home' is a page, 'popular' a ranker"
  package static func mixedEval(page: String, ranker: String) -> Self {
    Self("mixedEval", "cannot mix rankers and pages in one 'eval': '\(page)' is a page, '\(ranker)' a ranker")
  }

  package static func needsCatalog(_ function: String) -> Self {
    Self("needsCatalog", "\(function)() reads the catalog: it needs a 'titles' table with a text column 'name'")
  }

  package static func needsClusters(_ feature: String) -> Self {
    Self("needsClusters", "'\(feature)' needs a 'cluster titles' result: run 'cluster titles into K by plays' before the ranker")
  }

  package static func needsSearchCatalog() -> Self {
    Self("needsSearchCatalog", "'search' needs a 'titles' table with an 'id' column and a text column 'name'")
  }

  package static func needsDemo(_ statement: String) -> Self {
    Self("needsDemo", "'\(statement)' plays against the demo world's truth; run 'load demo' first")
  }

  package static func nestingTooDeep(_ limit: Int) -> Self {
    Self("nestingTooDeep", "expression nested too deeply: more than \(limit) levels")
  }

  package static func noClickedSearches(_ table: String) -> Self {
    Self("noClickedSearches", "no search in '\(table)' has a click: nothing to judge the rankers against")
  }

  package static func noRelevantTitles(_ split: String) -> Self {
    Self("noRelevantTitles", "no member played a title in '\(split)': nothing to judge the pages against")
  }

  /// "'true_uplift@10%' needs the demo's true uplift: 'log' is not the demo's exposures, nor made from them alone"
  package static func noUpliftTruth(_ metric: String, reason: String) -> Self {
    Self("noUpliftTruth", "'\(metric)' needs the demo's true uplift: \(reason)")
  }

  package static func notAKey(_ column: String, table: String) -> Self {
    Self("notAKey", "column '\(column)' does not refer to a table: there is no table '\(table)' with an 'id' column")
  }

  /// "'plays' is not a log of exposures: it has no 'title' column"
  package static func notAnExposureLog(_ table: String, missing column: String) -> Self {
    Self("notAnExposureLog", "'\(table)' is not a log of exposures: it has no '\(column)' column")
  }

  /// `.save FILE` in a session with no definitions.
  package static func nothingToSave(_ file: String) -> Self {
    Self("nothingToSave", "no definitions to save; '\(file)' was left as it was")
  }

  package static func saveWouldReplace(_ file: String, line: Int, text: String) -> Self {
    let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
    return Self(
      "saveWouldReplace",
      "'\(file)' holds more than definitions (line \(line): \(shown)); it was left as it was "
        + "('.save! \(file)' replaces it)")
  }

  /// "'coverage' does not judge searches; expected mrr@k, ndcg@k, recall@k or hit@k"
  package static func notASearchMetric(_ metric: String) -> Self {
    Self("notASearchMetric", "'\(metric)' does not judge searches; expected mrr@k, ndcg@k, recall@k or hit@k")
  }

  package static func notAPageLog(_ table: String, missing column: String) -> Self {
    Self("notAPageLog", "'\(table)' is not a log of pages: it has no '\(column)' column")
  }

  /// A ranker eval on a split whose "now" is not one cut (by member, or random).
  package static func notATimeSplit(_ split: String) -> Self {
    Self("notATimeSplit", "'eval' over rankers needs a split by time at one cut; '\(split)' has none")
  }

  /// `cluster … by T` where T is not a table of plays.
  package static func notAPlaysTable(_ table: String, reason: String) -> Self {
    Self("notAPlaysTable", "'\(table)' is not a table of plays: \(reason)")
  }

  /// Bare `utility uplift` in a session with no uplift model, or several.
  package static func whichUpliftModel(known: [String]) -> Self {
    if known.isEmpty {
      return Self("whichUpliftModel", "'utility uplift' needs an uplift model; define one with 'uplift NAME = tlearner(logistic(…)) on T'")
    }
    let names = known.map { "'\($0)'" }.joined(separator: ", ")
    return Self("whichUpliftModel", "'utility uplift' must name one of the uplift models \(names), as in 'utility uplift \(known[0])'")
  }

  /// A statement or command this version does not implement yet.
  public static func notAvailableYet(_ statement: String) -> Self {
    Self("notAvailableYet", "'\(statement)' is not available yet in this version of rec")
  }

  /// "the outcome 'played' must be 0/1 or true/false, but row 3 of 'log' has 2"
  package static func notZeroOne(_ role: String, _ column: String, table: String, row: Int, value: String) -> Self {
    Self(
      "notZeroOne",
      "the \(role) '\(column)' must be 0/1 or true/false, but row \(row) of '\(table)' has \(value)")
  }

  package static func nowUnknown(_ what: String) -> Self {
    Self("nowUnknown", "'\(what)' needs the data's 'now', but no loaded table has times")
  }

  package static func numberTooLarge(_ text: String) -> Self {
    Self("numberTooLarge", "number '\(text)' is too large")
  }

  /// A data statement in a file that `import` reads: only definitions travel between files.
  /// "sample ratio mismatch: group sizes 4,980 / 5,310 are unlikely under the intended 50/50 split …"
  /// "2 of 180 'title' values have rows in one arm only, so no uplift or interval: 17, 45"
  package static func oneArmOnly(_ count: Int, of total: Int, key: String, examples: String) -> Self {
    Self(
      "oneArmOnly",
      "\(count) of \(total) '\(key)' values have rows in one arm only, so no uplift or interval: \(examples)")
  }

  /// `uplift of exposures on plays …` without `within D`: a table of plays is credited by time.
  package static func outcomeNeedsWindow(_ table: String) -> Self {
    Self(
      "outcomeNeedsWindow",
      "'\(table)' is a table, not a column: to credit its plays to the exposures, add 'within D' "
        + "(such as 'within 7d'), how long after an exposure a play counts")
  }

  /// "'plays' is neither a column of 'exposures' nor a table"
  package static func outcomeNotFound(_ name: String, in table: String, known: [String]) -> Self {
    suggesting("'\(name)' is neither a column of '\(table)' nor a table", "outcomeNotFound", name, among: known)
  }

  package static func sampleRatioMismatch(sizes: String, split: String, chiSquare: String, p: String) -> Self {
    Self(
      "sampleRatioMismatch",
      "sample ratio mismatch: group sizes \(sizes) are unlikely under \(split) (chi-square \(chiSquare), p = \(p)); "
        + "the assignment may be broken and the results not to be trusted")
  }

  package static func statementInImport(_ keyword: String) -> Self {
    Self("statementInImport", "unexpected '\(keyword)' in an imported file; it may hold only definitions and 'import'")
  }

  /// A statement the checker could not finish though its tables are loaded: a fault in rec.
  package static func unchecked(_ statement: String) -> Self {
    Self("unchecked", "internal error: '\(statement)' could not be checked against the loaded tables")
  }

  package static func unexpectedArgument(_ label: String?, of function: String) -> Self {
    Self("unexpectedArgument", "unexpected argument\(label.map { " '\($0)'" } ?? "") in '\(function)'")
  }

  package static func unexpectedCutoff(_ metric: String) -> Self {
    Self("unexpectedCutoff", "metric '\(metric)' takes no cut-off")
  }

  package static func unexpectedEndOfInput(_ what: String) -> Self {
    Self("unexpectedEndOfInput", "unexpected end of input, expected \(what)")
  }

  package static func unknownClause(_ name: String, in definition: String, known: [String]) -> Self {
    suggesting("unknown clause '\(name)' in \(definition) definition", "unknownClause", name, among: known)
  }

  package static func unknownColumn(_ name: String, in table: String, known: [String]) -> Self {
    suggesting("unknown column '\(name)' in '\(table)'", "unknownColumn", name, among: known)
  }

  package static func unknownContext(_ name: String, known: [String]) -> Self {
    suggesting("unknown context column '\(name)'", "unknownContext", name, among: known)
  }

  package static func unknownDefinition(_ kind: String, _ name: String, known: [String]) -> Self {
    suggesting("unknown \(kind) '\(name)'", "unknownDefinition", name, among: known)
  }

  package static func unknownDefinition(_ name: String, known: [String]) -> Self {
    suggesting("unknown definition '\(name)'", "unknownDefinition", name, among: known)
  }

  /// "'score' is neither an uplift model nor a column of 'ex_test'": what `eval` of uplift
  /// metrics scores rows by.
  package static func unknownScores(_ name: String, table: String, known: [String]) -> Self {
    suggesting("'\(name)' is neither an uplift model nor a column of '\(table)'", "unknownScores", name, among: known)
  }

  /// A column of scores is judged with the table's `shown` and `played` columns.
  package static func scoresWithoutArms(_ name: String, table: String, missing: String) -> Self {
    Self(
      "scoresWithoutArms",
      "cannot judge the scores '\(name)': '\(table)' has no '\(missing)' column (a column of scores is judged "
        + "with the table's 'shown' (treated or not) and 'played' (0/1 outcome) columns)")
  }

  package static func unknownDotCommand(_ name: String, known: [String]) -> Self {
    suggesting("unknown command '\(name)'", "unknownDotCommand", name, among: known)
  }

  package static func unknownEstimator(_ name: String, known: [String]) -> Self {
    suggesting("unknown estimator '\(name)'", "unknownEstimator", name, among: known)
  }

  /// A feature written without its table (`taste` for `member.taste`) is suggested with it.
  package static func unknownFeature(_ name: String, known: [String]) -> Self {
    if let full = known.first(where: { $0.hasSuffix("." + name) }) {
      return Self("unknownFeature", "unknown feature '\(name)'; did you mean '\(full)'?")
    }
    return suggesting("unknown feature '\(name)'", "unknownFeature", name, among: known)
  }

  package static func unknownFunction(_ name: String, known: [String]) -> Self {
    let base = "unknown function '\(name)'"
    guard let near = nearestOrExpansion(to: name, among: known) else { return Self("unknownFunction", base) }
    return Self("unknownFunction", "\(base); did you mean '\(near)'?")
  }

  package static func unknownHelpTopic(_ name: String, known: [String]) -> Self {
    suggesting("unknown help topic '\(name)'", "unknownHelpTopic", name, among: known)
  }

  package static func unknownLearner(_ name: String, known: [String]) -> Self {
    suggesting("unknown uplift learner '\(name)'", "unknownLearner", name, among: known)
  }

  package static func unknownLoadKind(_ name: String, known: [String]) -> Self {
    suggesting("unknown load kind '\(name)'", "unknownLoadKind", name, among: known)
  }

  package static func unknownMember(_ id: String) -> Self {
    Self("unknownMember", "unknown member \(id): no such id in 'members' or in the plays")
  }

  /// "unknown metric 'recal@4x5'; did you mean 'recall@4x5'?" — the suggestion keeps the cut-off.
  package static func unknownMetric(_ name: String, suffix: String = "", known: [String]) -> Self {
    let base = "unknown metric '\(name + suffix)'"
    guard let near = nearest(to: name, among: known) else { return Self("unknownMetric", base) }
    return Self("unknownMetric", "\(base); did you mean '\(near + suffix)'?")
  }

  package static func unknownMetricVariant(_ name: String, of metric: String, known: [String]) -> Self {
    let list = known.isEmpty ? "'\(metric)' has none" : "known: " + known.map { "'\($0)'" }.joined(separator: ", ")
    return Self("unknownMetricVariant", "unknown toolkit variant '\(name)' of '\(metric)' (\(list))")
  }

  package static func unknownModelKind(_ name: String, known: [String]) -> Self {
    suggesting("unknown model kind '\(name)'", "unknownModelKind", name, among: known)
  }

  package static func unknownType(_ name: String, known: [String]) -> Self {
    suggesting("unknown type '\(name)'", "unknownType", name, among: known)
  }

  /// "cannot make 500 clusters: only 412 titles of 'plays' have a co-play embedding"
  package static func tooManyClusters(_ k: Int, points: Int, of what: String, table: String) -> Self {
    Self(
      "tooManyClusters",
      "cannot make \(k) clusters: only \(points) \(points == 1 ? String(what.dropLast()) : what) of '\(table)' "
        + "\(points == 1 ? "has" : "have") a co-play embedding")
  }

  package static func typeGivenTwice(_ column: String) -> Self {
    Self("typeGivenTwice", "column '\(column)' is given a type twice")
  }

  package static func unknownOption(_ name: String, in statement: String, known: [String]) -> Self {
    suggesting("unknown option '\(name)' in '\(statement)'", "unknownOption", name, among: known)
  }

  package static func unknownPolicyAlgorithm(_ name: String, known: [String]) -> Self {
    suggesting("unknown policy algorithm '\(name)'", "unknownPolicyAlgorithm", name, among: known)
  }

  package static func unknownRowFeature(_ name: String, known: [String]) -> Self {
    suggesting("unknown row feature '\(name)'", "unknownRowFeature", name, among: known)
  }

  package static func unknownSetting(_ name: String, known: [String]) -> Self {
    suggesting("unknown setting '\(name)'", "unknownSetting", name, among: known)
  }

  package static func unknownSearchFeature(_ name: String, family: String, known: [String]) -> Self {
    suggesting("unknown \(family) feature '\(name)'", "unknownSearchFeature", name, among: known)
  }

  package static func unknownSource(_ name: String, known: [String]) -> Self {
    suggesting("unknown row source '\(name)'", "unknownSource", name, among: known)
  }

  package static func unknownSplit(_ name: String, known: [String]) -> Self {
    suggesting("'\(name)' is not a side of a split; make one with 'split … into train, test'", "unknownSplit", name, among: known)
  }

  package static func unknownStatement(_ name: String, known: [String]) -> Self {
    suggesting("unknown statement '\(name)'", "unknownStatement", name, among: known)
  }

  package static func unknownTable(_ name: String, known: [String]) -> Self {
    suggesting("unknown table '\(name)'", "unknownTable", name, among: known)
  }

  package static func unknownTransform(_ name: String, known: [String]) -> Self {
    suggesting("unknown transform '\(name)'", "unknownTransform", name, among: known)
  }

  /// "no member 99999 in 'members'"
  package static func unknownValue(_ what: String, _ value: String, in table: String) -> Self {
    Self("unknownValue", "no \(what) \(value) in '\(table)'")
  }

  package static func unnamedExpression(in clause: String) -> Self {
    Self("unnamedExpression", "expected a name for this expression in '\(clause)', as in 'name = …'")
  }

  /// "'naive' reads the treatment 'arm' where 'causal' reads 'shown': one sweep's curves rank the
  /// same arms and outcome"
  package static func upliftSweepMismatch(_ model: String, role: String, _ column: String, first: String, _ firstColumn: String)
    -> Self
  {
    Self(
      "upliftSweepMismatch",
      "'\(model)' reads the \(role) '\(column)' where '\(first)' reads '\(firstColumn)': "
        + "one sweep's curves rank the same arms and outcome")
  }

  package static func unterminatedQuotedName() -> Self {
    Self("unterminatedQuotedName", "unterminated name: a name in backquotes must close with '`' on the same line")
  }

  package static func emptyQuotedName() -> Self {
    Self("emptyQuotedName", "a name in backquotes needs at least one character")
  }

  package static func unterminatedString() -> Self {
    Self("unterminatedString", "unterminated string: a string must close with '\"' on the same line")
  }

  /// `within D` with an outcome column: only a table of plays is credited by time.
  package static func windowOnColumn(_ column: String, in table: String) -> Self {
    Self(
      "windowOnColumn",
      "'within' credits the plays of a table to the exposures, but '\(column)' is a column of '\(table)', "
        + "an outcome already; drop 'within', or name a table of plays")
  }

  /// `uplift NAME = … within D` with no `outcome`: the table of plays is not named.
  package static let windowWithoutOutcome = Self(
    "windowWithoutOutcome", "'within' credits the plays of a table: name it first, as in 'outcome plays within 7d'")

  package static func wrongArgumentCount(_ function: String, expected: String, found: Int) -> Self {
    Self("wrongArgumentCount", "'\(function)' takes \(expected), found \(found)")
  }

  package static func overMemoryBudget(_ what: String, needs: String, budget: String) -> Self {
    Self(
      "overMemoryBudget",
      "\(what) would need about \(needs), over the memory budget of \(budget) "
        + "(see 'set memory')")
  }

  package static func nonNumericPropensity(_ estimator: String, table: String, row: Int, value: String) -> Self {
    Self(
      "nonNumericPropensity",
      "'\(estimator)' divides by the propensity, but row \(row) of '\(table)' has "
        + (value == "missing" ? "no propensity" : "propensity \(value), which is not a number"))
  }

  package static func zeroPropensity(_ estimator: String, table: String, row: Int, value: String) -> Self {
    Self(
      "zeroPropensity",
      "'\(estimator)' divides by the propensity, but row \(row) of '\(table)' has propensity \(value): "
        + "the logging policy could not have shown that action")
  }
}
