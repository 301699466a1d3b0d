using System.Text.RegularExpressions;
using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Text;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>header:</c> a header field exists (<c>exists: true</c>), or a value of it matches a regex
/// (<c>matches:</c>) or contains listed terms as whole words (<c>terms:</c>). A regex that runs out of time
/// marks the scan incomplete: a header built to be slow must not be a way around the rule.
/// </summary>
public sealed class HeaderCondition(string name, bool? exists, Regex? matches, TermList? terms) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var present = false;
        foreach (var header in context.Facts.Headers)
        {
            if (!string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                continue;
            present = true;
            if (matches is not null && Match(context, matches, header) is { Success: true } match)
            {
                evidence.Add(new Evidence($"header {header.Name}", match.Value));
                return true;
            }
            if (terms is not null)
            {
                var normalized = TextNormalizer.Normalize(header.Value);
                var hits = terms.Match(normalized);
                if (hits.Count > 0)
                {
                    evidence.Add(new Evidence($"header {header.Name}", normalized.Quote(hits[0].FirstToken, hits[0].LastToken)));
                    return true;
                }
            }
            if (matches is null && terms is null && exists != false)
            {
                evidence.Add(new Evidence($"header {header.Name}", header.Value.Length <= 120 ? header.Value : header.Value[..120] + "…"));
                return true;
            }
        }
        return exists == false && !present;
    }

    static Match? Match(EvaluationContext context, Regex regex, HeaderField header)
    {
        try
        {
            return regex.Match(header.Value);
        }
        catch (RegexMatchTimeoutException e)
        {
            context.MarkIncomplete($"regex /{regex}/ ran out of time ({e.MatchTimeout.TotalMilliseconds:0} ms) on header {header.Name}");
            return null;
        }
    }
}
