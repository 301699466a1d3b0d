using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Evaluation;

/// <summary>The rules' judgement of one message, complete enough for a compliance officer to check it.</summary>
public sealed record Verdict(
    PolicyAction Action,
    MessageDirection Direction,
    IReadOnlyList<CategoryVerdict> Categories,
    IReadOnlyList<FiredRule> Rules,
    string RulesVersion,
    IReadOnlyList<string> IncompleteReasons)
{
    /// <summary>The categories whose action is not pass.</summary>
    public IEnumerable<string> ActionCategories => Categories.Where(c => c.Action > PolicyAction.Pass).Select(c => c.Category);
}
