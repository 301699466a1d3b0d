using System.Globalization;
using MailFilter.Gateway.Verdicts;
using MailFilter.Rules;
using RulesVerdict = MailFilter.Rules.Evaluation.Verdict;

namespace MailFilter.Gateway.Filtering;

/// <summary>Writes the rules engine's judgement, and the external scores it used, into the verdict document, leaving nothing out.</summary>
public static class RulesVerdictMapper
{
    public static Verdict ToVerdict(RulesVerdict verdict, IReadOnlyList<ExternalScore> external)
    {
        var deciding = verdict.Categories.Where(c => c.Action == verdict.Action && c.Action > PolicyAction.Pass)
            .OrderByDescending(c => c.Score).FirstOrDefault();
        var decidingRule = deciding is null ? null : verdict.Rules.Where(r => r.Category == deciding.Category)
            .OrderByDescending(r => r.Score).FirstOrDefault();
        return new Verdict
        {
            Action = ToAction(verdict.Action),
            Direction = verdict.Direction.ToString().ToLowerInvariant(),
            Categories = [.. verdict.ActionCategories],
            Scores = verdict.Categories.ToDictionary(c => c.Category, c => c.Score),
            CategoryResults = verdict.Categories.ToDictionary(c => c.Category, c =>
                new CategoryResult(c.Score, ToAction(c.Action), c.Thresholds.Tag, c.Thresholds.Quarantine, c.Thresholds.Reject, c.ExemptedBy)),
            Rules = [.. verdict.Rules.Select(r => new VerdictRule(r.Id, r.Category, r.Score, r.Description, r.Policies,
                [.. r.Evidence.Select(e => new VerdictEvidence(e.Part, e.Text, e.Start, e.Length))]))],
            Classifier = external.ToDictionary(s => s.ShortName, s => s.Value),
            External = external,
            Incomplete = verdict.IncompleteReasons,
            Reason = Reason(verdict),
            PolicyReference = decidingRule?.Policies.FirstOrDefault(),
            RulesVersion = verdict.RulesVersion,
        };
    }

    static VerdictAction ToAction(PolicyAction action) => action switch
    {
        PolicyAction.Tag => VerdictAction.Tag,
        PolicyAction.Quarantine => VerdictAction.Quarantine,
        PolicyAction.Reject => VerdictAction.Reject,
        _ => VerdictAction.Pass,
    };

    static string Reason(RulesVerdict verdict)
    {
        var acted = verdict.Categories.Where(c => c.Action > PolicyAction.Pass).ToList();
        if (acted.Count == 0)
        {
            var exempted = verdict.Categories.Where(c => c.ExemptedBy is not null).Select(c => $"{c.Category} exempted by {c.ExemptedBy}");
            var text = string.Join("; ", exempted);
            return text.Length > 0 ? text : verdict.Rules.Count == 0 ? "no policy matched" : "below every threshold";
        }
        return string.Join("; ", acted.Select(c =>
        {
            var threshold = c.Action switch
            {
                PolicyAction.Reject => c.Thresholds.Reject,
                PolicyAction.Quarantine => c.Thresholds.Quarantine,
                _ => c.Thresholds.Tag,
            };
            var rules = verdict.Rules.Where(r => r.Category == c.Category).Select(r => r.Id);
            return $"{c.Category} {Number(c.Score)} >= {c.Action.ToString().ToLowerInvariant()} {Number(threshold)} ({string.Join(", ", rules)})";
        }));
    }

    static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-";
}
