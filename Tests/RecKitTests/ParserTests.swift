import Foundation
import Testing

@testable import RecKit
@testable import RecSyntax
@testable import RecEngine
@testable import RecCore

/// A compact, exact rendering of an expression for assertions: `(+ a (* b 2))`.
func sexpr(_ e: Expr?) -> String {
  guard let e else { return "nil" }
  switch e.kind {
  case .literal(let literal):
    switch literal {
    case .int(let v): return "\(v)"
    case .float(let v): return "\(v)"
    case .percent(let v): return "percent(\(v))"
    case .duration(let v): return "duration(\(v))"
    case .date(let v): return "date(\(v))"
    case .datetime(let v): return "datetime(\(v))"
    case .string(let s): return "\"\(s)\""
    case .bool(let b): return "\(b)"
    case .range(let a, let b): return "\(a)..\(b)"
    case .grid(let r, let c): return "\(r)x\(c)"
    }
  case .name(let n): return n
  case .member(let base, let field): return "\(sexpr(base)).\(field)"
  case .unary(let op, let operand): return "(\(op.rawValue) \(sexpr(operand)))"
  case .binary(let first, let links):
    return links.reduce(sexpr(first)) { "(\($1.op.rawValue) \($0) \(sexpr($1.operand)))" }
  case .call(let name, let args):
    let shown = args.map { ($0.label.map { "\($0.text): " } ?? "") + sexpr($0.value) }
    return "\(name)(\(shown.joined(separator: ", ")))"
  case .list(let items): return "[\(items.map(sexpr).joined(separator: ", "))]"
  case .interpolated(let parts):
    let shown = parts.map { part in
      switch part {
      case .text(let s): "\"\(s)\""
      case .expr(let e): "{\(sexpr(e))}"
      }
    }
    return "interpolated(\(shown.joined(separator: " ")))"
  }
}

func names(_ ids: [Identifier]) -> [String] { ids.map(\.text) }

func metricNames(_ refs: [MetricRef]) -> [String] {
  refs.map { ref in
    var s = ref.name
    switch ref.cutoff {
    case .none: break
    case .k(let b): s += "@\(bound(b))"
    case .grid(let r, let c): s += "@\(bound(r))x\(bound(c))"
    case .percent(let share): s += "@\(share * 100)%"
    }
    return s + (ref.variant.map { "[\($0)]" } ?? "")
  }
}

private func bound(_ b: MetricRef.Bound) -> String {
  switch b {
  case .value(let v): "\(v)"
  case .variable(let v): v
  }
}

@Suite struct ParserTests {
  /// The single statement `text` parses to, expecting no diagnostics.
  func statement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Statement.Kind? {
    let (program, diagnostics) = parse(SourceFile(name: "t.rec", text: text))
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))", sourceLocation: sourceLocation)
    #expect(program.statements.count == 1, sourceLocation: sourceLocation)
    return program.statements.first?.kind
  }

  func expression(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    guard case .set(_, let e) = statement("set x \(text)", sourceLocation: sourceLocation) else { return "not set" }
    return sexpr(e)
  }

  // MARK: - Expressions

  @Test func precedenceClimbing() {
    #expect(expression("a + b * c - d") == "(- (+ a (* b c)) d)")
    #expect(expression("a or b and not c = d") == "(or a (and b (not (= c d))))")
    #expect(expression("-a * b") == "(* (- a) b)")
    #expect(expression("(a + b) * c") == "(* (+ a b) c)")
    #expect(expression("a == 1 and b != 2") == "(and (= a 1) (!= b 2))")
    #expect(expression("a % 2 <= b / c") == "(<= (% a 2) (/ b c))")
    #expect(expression("genre in genres") == "(in genre genres)")
    #expect(expression("released within 90d") == "(within released duration(7776000))")
  }

  @Test func literalsApplyTheirUnits() {
    #expect(expression("1_000") == "1000")
    #expect(expression("0.25") == "0.25")
    #expect(expression("20%") == "percent(0.2)")
    #expect(expression("2w") == "duration(1209600)")
    #expect(expression("12h") == "duration(43200)")
    #expect(expression("2026-06-01") == "date(20605)")
    #expect(expression("2026-06-01T18:30") == "datetime(1780338600)")
    #expect(expression("2026-06-01T18:30:15") == "datetime(1780338615)")
    #expect(expression("1..10") == "1..10")
    #expect(expression("4x5") == "4x5")
    #expect(expression("true") == "true")
    #expect(expression("[1, \"a\", b]") == "[1, \"a\", b]")
    #expect(expression("[]") == "[]")
  }

  @Test func callsMembersAndStrings() {
    #expect(
      expression("popular(window: 7d, by: member.country)") == "popular(window: duration(604800), by: member.country)")
    #expect(expression("count()") == "count()")
    #expect(expression("seed.name") == "seed.name")
    #expect(expression(#""a\"b\\c\nd""#) == "\"a\"b\\c\nd\"")
    #expect(expression(#""{genre} picks""#) == "interpolated({genre} \" picks\")")
    #expect(
      expression(#""Top 10 in {member.country} today""#)
        == "interpolated(\"Top 10 in \" {member.country} \" today\")")
    #expect(expression(#""\{literal\}""#) == "\"{literal}\"")
    #expect(expression(#""{f("x")}!""#) == "interpolated({f(\"x\")} \"!\")")
  }

  @Test func interpolationRangesPointIntoTheFile() {
    let text = #"row r "Hi {seed.name}""# + "\n  from titles"
    guard case .row(let row) = statement(text), case .interpolated(let parts) = row.title?.kind,
      case .expr(let e) = parts[1]
    else {
      Issue.record("no interpolation")
      return
    }
    #expect(e.range.text == "seed.name")
  }

  // MARK: - Data statements

  @Test func loadForms() {
    guard case .load(.demo(let options)) = statement("load demo members 50_000 titles 5_000 seed 7") else {
      Issue.record("not load demo")
      return
    }
    #expect(options.map { "\($0.0.text)=\(sexpr($0.1))" } == ["members=50000", "titles=5000", "seed=7"])
    guard case .load(.demo(let none)) = statement("load demo") else { return #expect(Bool(false)) }
    #expect(none.isEmpty)
    guard case .load(.dataset(let format, let path)) = statement(#"load movielens "data/ml-latest-small""#) else {
      return #expect(Bool(false))
    }
    #expect(format.text == "movielens" && path.value == "data/ml-latest-small")
    #expect(path.range.text == #""data/ml-latest-small""#)
    for kind in ["recbole", "obd"] {
      guard case .load(.dataset(let f, _)) = statement("load \(kind) \"d\"") else { return #expect(Bool(false)) }
      #expect(f.text == kind)
    }
    guard
      case .load(.table(let name, let file, let fmt, let map, _, _)) = statement(
        #"load table plays from "p.tsv" as tsv map member = userId, title = itemId, at = ts"#)
    else { return #expect(Bool(false)) }
    #expect(name.text == "plays" && file.value == "p.tsv" && fmt?.text == "tsv")
    #expect(map.map { "\($0.to.text)<-\($0.from.text)" } == ["member<-userId", "title<-itemId", "at<-ts"])
  }

  @Test func saveAndSet() {
    guard case .save(let table, let path) = statement(#"save top to "top.csv""#) else { return #expect(Bool(false)) }
    #expect(table.text == "top" && path.value == "top.csv")
    guard case .set(let name, let value) = statement("set seed 7") else { return #expect(Bool(false)) }
    #expect(name.text == "seed" && sexpr(value) == "7")
  }

  @Test func splitForms() {
    guard case .split(let time) = statement("split plays by time at 2026-06-01 into train, test"),
      case .time(let at) = time.method
    else { return #expect(Bool(false)) }
    #expect(time.table.text == "plays" && time.train.text == "train" && time.test.text == "test")
    #expect(sexpr(at) == "date(20605)")
    guard case .split(let last) = statement("split plays by member last 20% into a, b"),
      case .memberLast(let p) = last.method
    else { return #expect(Bool(false)) }
    #expect(sexpr(p) == "percent(0.2)")
    guard case .split(let count) = statement("split plays by member last 3 into a, b"),
      case .memberLast(let k) = count.method
    else { return #expect(Bool(false)) }
    #expect(sexpr(k) == "3")
    guard case .split(let random) = statement("split plays random 20% seed 7 into a, b"),
      case .random(let fraction, let seed) = random.method
    else { return #expect(Bool(false)) }
    #expect(sexpr(fraction) == "percent(0.2)" && sexpr(seed) == "7")
    guard case .split(let unseeded) = statement("split plays random 10% into a, b"),
      case .random(_, let none) = unseeded.method
    else { return #expect(Bool(false)) }
    #expect(none == nil)
  }

  // MARK: - Queries

  func steps(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    guard case .query(let pipeline) = statement(text, sourceLocation: sourceLocation) else { return ["not a query"] }
    return [pipeline.source.text] + pipeline.steps.map { step in
      func bindings(_ bs: [Binding]) -> String {
        bs.map { ($0.name.map { "\($0.text)=" } ?? "") + sexpr($0.expr) }.joined(separator: ", ")
      }
      switch step.kind {
      case .filter(let e): return "where \(sexpr(e))"
      case .select(let bs): return "select \(bindings(bs))"
      case .derive(let bs): return "derive \(bindings(bs))"
      case .group(let keys, let aggregates): return "group \(bindings(keys)) (\(bindings(aggregates)))"
      case .sort(let keys):
        return "sort " + keys.map { ($0.descending ? "desc " : "asc ") + sexpr($0.expr) }.joined(separator: ", ")
      case .take(let e): return "take \(sexpr(e))"
      case .join(let table, let on): return "join \(table.text) \(sexpr(on))"
      case .distinct(let bs): return "distinct \(bindings(bs))"
      }
    }
  }

  @Test func pipelineTransforms() {
    #expect(
      steps("from plays | where completion > 0.9 | group by title (n = count()) | sort -n | take 10") == [
        "plays", "where (> completion 0.9)", "group title (n=count())", "sort desc n", "take 10",
      ])
    #expect(steps("from _ | join titles on title = id | select name, n") == [
      "_", "join titles (= title id)", "select name, n",
    ])
    #expect(steps("from _1 | derive h = seconds / 3600 | distinct | sort n desc, name asc, m") == [
      "_1", "derive h=(/ seconds 3600)", "distinct ", "sort desc n, asc name, asc m",
    ])
    #expect(steps("from plays | distinct member, title") == ["plays", "distinct member, title"])
    #expect(steps("from plays | group by (n = count())") == ["plays", "group  (n=count())"])
  }

  @Test func pipelineContinuesOnPipeLines() {
    let text = """
      from plays
        | where at > 2026-05-01
        | group by member.country (members = count_distinct(member), hours = sum(seconds) / 3600)
      """
    #expect(steps(text) == [
      "plays", "where (> at date(20574))",
      "group member.country (members=count_distinct(member), hours=(/ sum(seconds) 3600))",
    ])
    #expect(steps("from plays |\n  take 3") == ["plays", "take 3"])
  }

  @Test func letBindsAPipeline() {
    guard case .assign(let name, let pipeline) = statement(
      "let bingers = from plays | group by member (n = count()) | where n > 200")
    else { return #expect(Bool(false)) }
    #expect(name.text == "bingers" && pipeline.source.text == "plays" && pipeline.steps.count == 2)
  }

  // MARK: - Definitions

  @Test func rowWithEveryClause() {
    let text = """
      row genre "{genre} picks for you"
        for genre in top_genres(limit: 5)
        from titles where genre in genres
        order by affinity(member, title) desc, -age
        exclude watched, shown
        limit 20
      """
    guard case .row(let row) = statement(text) else { return #expect(Bool(false)) }
    #expect(row.name.text == "genre")
    #expect(sexpr(row.title) == "interpolated({genre} \" picks for you\")")
    #expect(row.expansion?.variable.text == "genre" && sexpr(row.expansion?.source) == "top_genres(limit: 5)")
    #expect(sexpr(row.source) == "titles" && sexpr(row.filter) == "(in genre genres)")
    #expect(row.order.map { "\($0.descending) \(sexpr($0.expr))" } == ["true affinity(member, title)", "true age"])
    #expect(names(row.exclude) == ["watched", "shown"])
    #expect(sexpr(row.limit) == "20")
    #expect(row.range.text == text)
  }

  @Test func definitionEndsAtBlankLineOrOutdent() {
    let text = "row a\n  from titles\n\n  load demo\nrow b\n  from x\nload demo\n"
    let (program, diagnostics) = parse(SourceFile(name: "t.rec", text: text))
    #expect(diagnostics.isEmpty)
    #expect(program.statements.count == 4)
    guard case .row(let b) = program.statements[2].kind else { return #expect(Bool(false)) }
    #expect(b.range.text == "row b\n  from x")
  }

  @Test func commentLinesDoNotEndADefinition() {
    guard case .row(let row) = statement("row a # the first\n  from titles\n# why:\n  limit 3 # enough\n")
    else { return #expect(Bool(false)) }
    #expect(sexpr(row.source) == "titles" && sexpr(row.limit) == "3")
  }

  @Test func statementRangesCoverContinuationLines() {
    let text = "from plays\n  | take 3\nload demo"
    let (program, _) = parse(SourceFile(name: "t.rec", text: text))
    #expect(program.statements.map(\.range.text) == ["from plays\n  | take 3", "load demo"])
  }

  @Test func pageForms() {
    let ranked = """
      page home_ranked "Row-ranked home"
        candidates continue, top10, new
        utility 0.7 * relevance + 0.3 * freshness
        diversity balanced
        size 10 x 20
      """
    guard case .page(let page) = statement(ranked), case .candidates(let rows) = page.layout,
      case .formula(let formula) = page.utility
    else { return #expect(Bool(false)) }
    #expect(names(rows) == ["continue", "top10", "new"])
    #expect(sexpr(formula) == "(+ (* 0.7 relevance) (* 0.3 freshness))")
    #expect(page.diversity?.text == "balanced")
    #expect(page.size?.rows == 10 && page.size?.columns == 20 && page.size?.range.text == "10 x 20")
    guard case .page(let rules) = statement("page p\n  rows a, b\n  size 4x5\n  utility model m"),
      case .rows(let r) = rules.layout, case .model(let m) = rules.utility
    else { return #expect(Bool(false)) }
    #expect(names(r) == ["a", "b"] && rules.size?.rows == 4 && rules.size?.columns == 5 && m.text == "m")
    guard case .page(let causal) = statement("page c \"Causal\"\n  candidates a\n  utility uplift"),
      case .uplift(nil, let where_) = causal.utility
    else { return #expect(Bool(false)) }
    #expect(where_.text == "uplift")
    guard case .page(let named) = statement("page c\n  candidates a\n  utility uplift causal"),
      case .uplift(let model?, let word) = named.utility
    else { return #expect(Bool(false)) }
    #expect(model.text == "causal" && model.range.text == "causal" && word.text == "uplift")
    guard case .page(let shown) = statement("page shown from table pages"), case .table(let t) = shown.layout
    else { return #expect(Bool(false)) }
    #expect(t.text == "pages" && shown.title == nil)
  }

  @Test func diversityRules() {
    let text = """
      diversity balanced
        unique titles                      # a title appears once per page
        max 2 rows per genre
        max similarity 50% by titles
        penalty 0.3
        min row length 5
      """
    guard case .diversity(let d) = statement(text) else { return #expect(Bool(false)) }
    let rules = d.rules.map { entry -> String in
      switch entry.rule {
      case .uniqueTitles: "unique"
      case .maxRowsPer(let k, let key): "max \(sexpr(k)) per \(key.text)"
      case .maxSimilarity(let x, let by): "similarity \(sexpr(x)) by \(by.text)"
      case .penalty(let x): "penalty \(sexpr(x))"
      case .minRowLength(let k): "min \(sexpr(k))"
      }
    }
    #expect(rules == ["unique", "max 2 per genre", "similarity percent(0.5) by titles", "penalty 0.3", "min 5"])
    #expect(d.rules[1].range.text == "max 2 rows per genre")
  }

  @Test func modelMetricAndPolicies() {
    guard case .model(let m) = statement("model row_model = logistic(relevance, freshness, position) on impressions")
    else { return #expect(Bool(false)) }
    #expect(m.kind.text == "logistic" && m.features.map(sexpr) == ["relevance", "freshness", "position"])
    #expect(m.table.text == "impressions")
    guard case .metric(let metric) = statement("metric play_rate = sum(played) / count() on impressions")
    else { return #expect(Bool(false)) }
    #expect(sexpr(metric.formula) == "(/ sum(played) count())" && metric.table.text == "impressions")
    guard case .policy(let ts) = statement("policy ts       = thompson(prior: beta(1, 1)) context country")
    else { return #expect(Bool(false)) }
    #expect(sexpr(ts.algorithm) == "thompson(prior: beta(1, 1))" && ts.context.map(sexpr) == ["country"])
    guard case .policy(let lin) = statement("policy lin = linucb(alpha: 0.5) features member.taste, artwork.tags")
    else { return #expect(Bool(false)) }
    #expect(lin.features.map(sexpr) == ["member.taste", "artwork.tags"])
    guard case .policy(let best) = statement("policy best = greedy\n  context position\n  trained on impressions")
    else { return #expect(Bool(false)) }
    #expect(sexpr(best.algorithm) == "greedy" && best.context.count == 1 && best.trainedOn?.text == "impressions")
    guard case .policy(let uniform) = statement("policy uniform = random") else { return #expect(Bool(false)) }
    #expect(sexpr(uniform.algorithm) == "random" && uniform.trainedOn == nil)
  }

  // MARK: - Pages, evaluation, bandits, experiments

  @Test func showAndExplain() {
    guard case .show(let what, let name, let member) = statement("show row top10 for member 42")
    else { return #expect(Bool(false)) }
    #expect(what.text == "row" && name.text == "top10" && sexpr(member) == "42")
    guard case .explain(let page, let m) = statement("explain page home for member 7") else {
      return #expect(Bool(false))
    }
    #expect(page.text == "home" && sexpr(m) == "7")
  }

  @Test func evalWithClausesOnLinesAndInline() {
    let text = """
      eval home_rules, home_ranked on test
        metrics recall@4x5, ndcg@20, coverage, recall@20[lenskit]
        baseline home_rules
        by member.country
        per member test fisher
      """
    guard case .eval(let e) = statement(text) else { return #expect(Bool(false)) }
    #expect(names(e.pages) == ["home_rules", "home_ranked"] && e.split.text == "test")
    #expect(metricNames(e.metrics) == ["recall@4x5", "ndcg@20", "coverage", "recall@20[lenskit]"])
    guard case .eval(let u) = statement("eval causal on t metrics uplift@10%[by_group], true_uplift@2.5%, uplift@500")
    else { return #expect(Bool(false)) }
    #expect(u.metrics.map(\.cutoff) == [.percent(0.1), .percent(0.025), .k(.value(500))])
    #expect(u.metrics.map(\.variant) == ["by_group", nil, nil])
    #expect(e.baseline?.text == "home_rules" && sexpr(e.segment) == "member.country")
    #expect(e.perMember && e.test?.text == "fisher")
    guard case .eval(let inline) = statement("eval shown on test metrics hit@3 baseline x") else {
      return #expect(Bool(false))
    }
    #expect(metricNames(inline.metrics) == ["hit@3"] && inline.baseline?.text == "x" && !inline.perMember)
    #expect(!inline.long)
    guard case .eval(let long) = statement("eval a, b on test baseline a by country long") else {
      return #expect(Bool(false))
    }
    #expect(long.long && !long.perMember && sexpr(long.segment) == "country")
  }

  @Test func sweepWithVariableCutoff() {
    guard case .sweep(let s) = statement(#"sweep recall@Mx5 for M in 1..10 over a, b on test to "s.svg""#)
    else { return #expect(Bool(false)) }
    #expect(s.metric.cutoff == .grid(.variable("M"), .value(5)))
    #expect(s.variable.text == "M" && sexpr(s.values) == "1..10" && names(s.pages) == ["a", "b"])
    #expect(s.split.text == "test" && s.output?.value == "s.svg")
    #expect(s.metric.range.text == "recall@Mx5")
  }

  @Test func sweepOfUpliftCurves() {
    guard case .upliftSweep(let s) = statement(#"sweep qini over causal, naive on ex_test to "q.svg""#)
    else { return #expect(Bool(false)) }
    #expect(s.curve.text == "qini" && names(s.models) == ["causal", "naive"] && s.table.text == "ex_test")
    #expect(s.output?.value == "q.svg" && s.curve.range.text == "qini")
    guard case .upliftSweep(let u) = statement("sweep uplift over m on t") else { return #expect(Bool(false)) }
    #expect(u.curve.text == "uplift" && u.output == nil)
    // Without `over` after it, the word is a metric of the other form.
    guard case .sweep(let m) = statement("sweep gain for M in 1..3 over p on test") else { return #expect(Bool(false)) }
    #expect(m.metric.name == "gain")
  }

  @Test func cutoffsFromText() {
    #expect(Parser.cutoff("20") == .k(.value(20)))
    #expect(Parser.cutoff("K") == .k(.variable("K")))
    #expect(Parser.cutoff("4x5") == .grid(.value(4), .value(5)))
    #expect(Parser.cutoff("4xM") == .grid(.value(4), .variable("M")))
    #expect(Parser.cutoff("max5") == .grid(.variable("ma"), .value(5)))
    #expect(Parser.cutoff("x") == .k(.variable("x")))
    #expect(Parser.cutoff("4x") == nil)
  }

  @Test func artworkStatements() {
    guard case .pick(let member, let title, let policy) = statement(
      #"pick artwork for member 42 title "Good Will Hunting" with ts"#)
    else { return #expect(Bool(false)) }
    #expect(sexpr(member) == "42" && sexpr(title) == "\"Good Will Hunting\"" && policy.text == "ts")
    guard case .simulate(let policies, let count, let seed) = statement(
      "simulate greedy10, ts on artwork for 200_000 impressions seed 1")
    else { return #expect(Bool(false)) }
    #expect(names(policies) == ["greedy10", "ts"] && sexpr(count) == "200000" && sexpr(seed) == "1")
    guard case .replay(let replayed, let table) = statement("replay a, b on impressions") else {
      return #expect(Bool(false))
    }
    #expect(names(replayed) == ["a", "b"] && table.text == "impressions")
    guard
      case .estimate(let estimated, _, let estimators, let clip, let interval) = statement(
        "estimate ts on impressions with ips, snips, dm, dr")
    else { return #expect(Bool(false)) }
    #expect(names(estimated) == ["ts"] && names(estimators) == ["ips", "snips", "dm", "dr"])
    #expect(clip == nil && interval == nil)
    guard
      case .estimate(_, _, _, let clip2, let interval2) = statement(
        "estimate ts on impressions with ips clip 100 interval normal")
    else { return #expect(Bool(false)) }
    #expect(sexpr(clip2) == "100" && interval2?.text == "normal")
  }

  @Test func abtestForms() {
    guard case .abtest(.pages(let control, let treatment, let split, let ratio, let seed, let metrics)) = statement(
      "abtest home_ranked vs home_rules on test split 50/50 seed 7 metrics recall@4x5")
    else { return #expect(Bool(false)) }
    #expect(control.text == "home_ranked" && treatment.text == "home_rules" && split.text == "test")
    #expect(ratio?.0 == 50 && ratio?.1 == 50 && sexpr(seed) == "7" && metricNames(metrics) == ["recall@4x5"])
    guard case .abtest(.logged(let table, let group, let metric, let ctl, let unit)) = statement(
      #"abtest on experiment_log group variant metric played control "A" unit row"#)
    else { return #expect(Bool(false)) }
    #expect(table.text == "experiment_log" && group.text == "variant" && metric.text == "played")
    #expect(sexpr(ctl) == "\"A\"" && unit?.text == "row")
  }

  @Test func searchClusterUpliftImportExport() {
    guard case .search(let s) = statement(#"search "comedy" for member 42 limit 20"#)
    else { return #expect(Bool(false)) }
    #expect(sexpr(s.query) == "\"comedy\"" && sexpr(s.member) == "42" && sexpr(s.limit) == "20")
    #expect(s.ranker == nil && s.at == nil)
    guard case .search(let full) = statement(#"search "invis" for member 42 with truth limit 5 at 2026-06-15T20:00"#)
    else { return #expect(Bool(false)) }
    #expect(full.ranker?.text == "truth" && sexpr(full.limit) == "5" && full.at != nil)
    guard case .cluster(let what, let count, let by, nil) = statement("cluster members into 20 by plays")
    else { return #expect(Bool(false)) }
    #expect(what.text == "members" && sexpr(count) == "20" && by.text == "plays")
    guard case .cluster(let titles, _, let before, let seed) = statement("cluster titles into 40 by before seed 7")
    else { return #expect(Bool(false)) }
    #expect(titles.text == "titles" && before.text == "before" && sexpr(seed) == "7")
    guard case .uplift(let u) = statement("uplift of exposures on played by title")
    else { return #expect(Bool(false)) }
    #expect(u.table.text == "exposures" && u.outcome.text == "played" && sexpr(u.key) == "title")
    #expect(u.treat == nil && u.within == nil)
    // The key is a postfix: `within` after it is the clause, not the operator.
    guard case .uplift(let v) = statement("uplift of log on played by member.country treat arm within 7d")
    else { return #expect(Bool(false)) }
    #expect(sexpr(v.key) == "member.country" && v.treat?.text == "arm" && sexpr(v.within) == "duration(604800)")
    guard case .upliftModel(let m) = statement("uplift causal = tlearner(logistic(affinity(member, title), title.popularity)) on ex_train")
    else { return #expect(Bool(false)) }
    #expect(m.name.text == "causal" && m.table.text == "ex_train" && m.treat == nil && m.outcome == nil)
    #expect(sexpr(m.learner) == "tlearner(logistic(affinity(member, title), title.popularity))")
    // Clauses on the header line and on clause lines; `outcome plays within 7d` is two clauses.
    guard case .upliftModel(let n) = statement("uplift n = response(logistic(x)) on t treat arm\n  outcome plays within 7d\n  propensity p")
    else { return #expect(Bool(false)) }
    #expect(n.treat?.text == "arm" && n.outcome?.text == "plays" && sexpr(n.within) == "duration(604800)")
    #expect(n.propensity?.text == "p")
    // A model may be named `of`.
    guard case .upliftModel(let of) = statement("uplift of = tlearner(logistic(x)) on t") else { return #expect(Bool(false)) }
    #expect(of.name.text == "of")
    guard case .importFile(let path, let replacing) = statement(#"import "templates/home.rec""#) else {
      return #expect(Bool(false))
    }
    #expect(path.value == "templates/home.rec" && !replacing)
    guard case .importFile(_, true) = statement(#"import "lib.rec" replacing"#) else { return #expect(Bool(false)) }
    guard case .export(let page, let to) = statement(#"export page home to "t.rec""#) else {
      return #expect(Bool(false))
    }
    #expect(page.text == "home" && to.value == "t.rec")
  }

  @Test func keywordsAreContextual() {
    #expect(steps("from top10 | where genre = limit | select rows, new") == [
      "top10", "where (= genre limit)", "select rows, new",
    ])
  }

  // MARK: - The contract

  /// The contract's programs, copied unchanged into the tests tree (`Tests/RecCLITests/Contract`).
  static func contractFolder() -> URL? {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let folder = tests.appendingPathComponent("RecCLITests/Contract")
    return FileManager.default.fileExists(atPath: folder.appendingPathComponent("tour.rec").path) ? folder : nil
  }

  @Test(arguments: ["tour.rec", "artwork.rec", "tiny-eval.rec"])
  func contractProgramsParseCleanly(_ name: String) throws {
    let folder = try #require(Self.contractFolder(), "shared/contract not found")
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    let (program, diagnostics) = parse(SourceFile(name: name, text: text))
    #expect(diagnostics.map(\.message) == [])
    let expected = ["tour.rec": 15, "artwork.rec": 9, "tiny-eval.rec": 7][name]
    #expect(program.statements.count == expected)
  }
}
