using System.Text.RegularExpressions;
using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>regex:</c> a .NET regular expression over the original texts, case-insensitive, compiled with
/// <see cref="RegexOptions.NonBacktracking"/> so a hostile message cannot make it run for long. If it still runs
/// out of time on a text, the scan is marked incomplete (like any other limit) and the other texts are still tested.
/// </summary>
public sealed class RegexCondition(Regex regex, TextScope scope) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        foreach (var source in context.Facts.Texts)
        {
            if (!scope.Includes(source.Kind))
                continue;
            try
            {
                var match = regex.Match(source.Text);
                if (!match.Success)
                    continue;
                var quote = match.Value.Length <= 200 ? match.Value : match.Value[..200] + "…";
                evidence.Add(source.Quote(match.Index, match.Length, quote));
                return true;
            }
            catch (RegexMatchTimeoutException e)
            {
                context.MarkIncomplete($"regex /{regex}/ ran out of time ({e.MatchTimeout.TotalMilliseconds:0} ms) on {source.Label}");
            }
        }
        return false;
    }

    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(250));
}
