using MailFilter.Rules.Language;

namespace MailFilter.Rules.Evaluation;

/// <summary>An example that a rule got wrong: it should have fired and did not, or the reverse.</summary>
public sealed record RuleTestFailure(string RuleId, SourceLocation Source, bool ShouldMatch, string Example)
{
    public override string ToString() =>
        $"{Source}: {RuleId} {(ShouldMatch ? "did not fire on an example it must match" : "fired on an example it must not match")}: {Example}";
}
