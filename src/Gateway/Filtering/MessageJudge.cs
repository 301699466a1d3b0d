using MailFilter.Gateway.Verdicts;
using MailFilter.Rules;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.MassMailing;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// The judge: scores the message with every <see cref="RulesScoreSource"/> (the classifier), builds the facts — the
/// direction decided by the rule set's one <see cref="DirectionResolver"/> over the organisation's domains — evaluates
/// the rules in force, and writes the whole judgement into the verdict document. The mass-mail fingerprint window is
/// the judge's memory of earlier messages, the one input a later scan of the same message cannot repeat.
/// </summary>
public sealed class MessageJudge(PolicyRules rules, IEnumerable<RulesScoreSource> scoreSources, ISimilarContentCounter similarContent) : IMessageJudge
{
    readonly IReadOnlyList<RulesScoreSource> scoreSources = scoreSources.ToList();
    MessageScanner? scanner;

    public async ValueTask<Verdict> JudgeAsync(MimeMessage message, MessageEnvelope envelope, long sizeBytes, CancellationToken cancellationToken)
    {
        var external = new List<ExternalScore>();
        foreach (var source in scoreSources)
            external.AddRange(await source.ScoreAsync(message, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var score in external)
            values[score.Name] = score.Value;
        var (_, verdict) = ScannerFor(rules.Current).Scan(message, envelope with { Direction = null }, sizeBytes, values);
        return RulesVerdictMapper.ToVerdict(verdict, external);
    }

    MessageScanner ScannerFor(RuleSet ruleSet)
    {
        var current = Volatile.Read(ref scanner);
        if (current?.RuleSet == ruleSet)
            return current;
        var next = new MessageScanner(ruleSet, similarContent);
        Interlocked.CompareExchange(ref scanner, next, current);
        return next;
    }
}
