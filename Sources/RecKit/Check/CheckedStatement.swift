import RecCore
import RecEngine
import RecSyntax

/// A statement the checker accepted, in the terms the runtime executes: every name resolved to
/// what it stands for, every option read and validated. Only `Checker` makes these, and the
/// session runs nothing else.
struct CheckedStatement: Sendable {
  enum Kind: Sendable {
    case load(LoadPlan)
    case save(table: String, to: FilePath)
    case split(SplitPlan)
    /// A pipeline shown as a table and kept as `_`, `_N`.
    case query(BoundPipeline)
    /// `let NAME = …`
    case assign(String, BoundPipeline)
    case setSeed(UInt64)
    /// `set memory "8GB"`: the budget in bytes.
    case setMemory(Int)
    /// A row, page, diversity rule, formula metric or policy, kept as it is.
    case define(CheckedDefinition)
    /// A model, trained when it is defined.
    case trainModel(CheckedDefinition, ModelInputs)
    /// A search ranker, trained when it is defined.
    case trainRanker(CheckedDefinition, RankerSpec)
    /// An uplift model, trained when it is defined.
    case trainUplift(CheckedDefinition, UpliftModelSpec)
    case show(ShowPlan)
    case explain(PagePlan, member: MemberChoice)
    case explainSearch(ExplainSearchPlan)
    case eval(EvalPlan)
    /// `eval R, … on SPLIT` over search rankers.
    case evalSearch(SearchEvalPlan)
    /// `eval M, … on TABLE` over uplift models.
    case evalUplift(UpliftEvalPlan)
    case search(SearchPlan)
    case sweep(SweepPlan)
    /// `sweep qini|gain|uplift over M, … on TABLE`.
    case upliftSweep(UpliftSweepPlan)
    case pick(PickPlan)
    case simulate(SimulatePlan)
    case replay(ReplayPlan)
    case estimate(EstimatePlan)
    case abtestPages(ABTestPagesPlan)
    case abtestLogged(ABTestLoggedPlan)
    case cluster(ClusterPlan)
    case uplift(UpliftPlan)
    /// `import "FILE"`: the definitions it brings, depth first through nested imports.
    case importDefinitions([CheckedStatement], from: String)
    /// `export page P to "FILE"`: the page and every definition it needs, dependencies first.
    case export(page: String, definitions: [Statement], to: FilePath)
  }

  let kind: Kind
  /// The statement as written.
  let statement: Statement
}

/// A file a statement reads or writes: as written (for messages), as the session resolves it
/// (relative paths from the script's folder), and where it is written (for errors).
struct FilePath: Sendable {
  var written: String
  var resolved: String
  var range: SourceRange
}

/// A member named by a statement (`for member 42`), with where it is written.
struct MemberChoice: Sendable {
  var id: Int
  var range: SourceRange
}
