using System.Globalization;
using MailFilter.Rules;
using RulesVerdict = MailFilter.Rules.Evaluation.Verdict;

namespace MailFilter.Gateway.Filtering;

/// <summary>Translates the rules engine's verdict into the gateway's: action, categories, scores, evidence, reason, policy clause.</summary>
public static class RulesVerdictMapper
{
    public static Verdict ToGateway(RulesVerdict verdict)
    {
        var deciding = verdict.Categories.Where(c => c.Action == verdict.Action && c.Action > PolicyAction.Pass)
            .OrderByDescending(c => c.Score).FirstOrDefault();
        var decidingRule = deciding is null ? null : verdict.Rules.Where(r => r.Category == deciding.Category)
            .OrderByDescending(r => r.Score).FirstOrDefault();
        return new Verdict
        {
            Action = verdict.Action switch
            {
                PolicyAction.Tag => VerdictAction.Tag,
                PolicyAction.Quarantine => VerdictAction.Quarantine,
                PolicyAction.Reject => VerdictAction.Reject,
                _ => VerdictAction.Pass,
            },
            Categories = verdict.ActionCategories.ToList(),
            Scores = verdict.Categories.ToDictionary(c => c.Category, c => c.Score),
            Rules = verdict.Rules.Select(r => new FiredRule(r.Id, r.Category, r.Score, r.Description,
                r.Evidence.Select(e => e.ToString()).ToList(), r.Policies.Count == 0 ? null : string.Join("; ", r.Policies))).ToList(),
            Reason = Reason(verdict),
            PolicyReference = decidingRule?.Policies.FirstOrDefault(),
            Direction = verdict.Direction.ToString().ToLowerInvariant(),
            Policy = $"rules {verdict.RulesVersion}",
        };
    }

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
