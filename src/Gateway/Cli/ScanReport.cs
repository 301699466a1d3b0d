using System.Globalization;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Cli;

/// <summary>Writes a verdict as one JSON line (the verdict document, <see cref="VerdictJson"/>) or as text a compliance officer reads.</summary>
public static class ScanReport
{
    public static void WriteJson(TextWriter output, string file, Verdict verdict) => output.WriteLine(VerdictJson.ScanLine(file, verdict));

    public static void WriteText(TextWriter output, string file, Verdict verdict)
    {
        output.WriteLine($"{file}: {Name(verdict.Action).ToUpperInvariant()} (direction {verdict.Direction}, rules {verdict.RulesVersion})");
        foreach (var (category, result) in verdict.CategoryResults.OrderByDescending(c => c.Value.Action).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var exempt = result.ExemptedBy is null ? "" : $", exempted by {result.ExemptedBy}";
            output.WriteLine($"  {category}: score {Number(result.Score)} → {Name(result.Action)}"
                             + $" (tag {Number(result.Tag)}, quarantine {Number(result.Quarantine)}, reject {Number(result.Reject)}{exempt})");
            foreach (var rule in verdict.Rules.Where(r => r.Category == category))
            {
                output.WriteLine($"    {rule.Id} {(rule.Score >= 0 ? "+" : "")}{Number(rule.Score)}: {rule.Description}");
                foreach (var policy in rule.Policies)
                    output.WriteLine($"      policy: {policy}");
                foreach (var evidence in rule.Evidence)
                    output.WriteLine($"      matched {evidence}");
            }
        }
        foreach (var reason in verdict.Incomplete)
            output.WriteLine($"  scan incomplete: {reason}");
        foreach (var score in verdict.External)
        {
            output.WriteLine($"  classifier: {score.ShortName} {score.Value.ToString("0.####", CultureInfo.InvariantCulture)} (model {score.Model})");
            foreach (var sentence in score.Sentences)
                output.WriteLine($"    sentence {sentence.Score.ToString("0.####", CultureInfo.InvariantCulture)}: \"{string.Join(' ', sentence.Text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))}\"");
            if (score.Terms.Count > 0)
                output.WriteLine($"    terms: {string.Join(", ", score.Terms.Select(t => $"{t.Term} {(t.Weight >= 0 ? "+" : "")}{t.Weight.ToString("0.##", CultureInfo.InvariantCulture)}"))}");
        }
        if (verdict.Rules.Count == 0)
            output.WriteLine("  no rule fired");
    }

    static string Name(VerdictAction action) => action.ToString().ToLowerInvariant();

    static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "never";
}
