using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.MassMailing;
using MimeKit;

namespace MailFilter.Rules;

/// <summary>
/// The whole pipeline for one message: parse (or take a parsed message), build facts, add external scores,
/// evaluate. Shared by <c>mailfilter scan</c> and the gateway so both judge a message identically.
/// </summary>
public sealed class MessageScanner(RuleSet ruleSet, ISimilarContentCounter? similarContent = null,
    ExtractionLimits? limits = null, TimeProvider? time = null)
{
    readonly MessageFactsBuilder builder = new(ruleSet.Directions, limits);
    readonly RuleEngine engine = new(similarContent, time);

    public RuleSet RuleSet { get; } = ruleSet;

    public MessageFactsBuilder FactsBuilder => builder;

    public (MessageFacts Facts, Verdict Verdict) Scan(MimeMessage message, MessageEnvelope? envelope, long sizeBytes,
        IReadOnlyDictionary<string, double>? externalScores = null)
    {
        var facts = builder.Build(message, envelope, sizeBytes);
        if (externalScores is { Count: > 0 })
            facts = facts.WithExternalScores(externalScores);
        return (facts, engine.Evaluate(facts, RuleSet));
    }

    /// <summary>Parses a message file or stream (an mbox "From " first line is skipped) and scans it.</summary>
    public (MessageFacts Facts, Verdict Verdict) Scan(Stream stream, MessageEnvelope? envelope,
        IReadOnlyDictionary<string, double>? externalScores = null, CancellationToken cancellationToken = default)
    {
        var message = builder.Load(stream, cancellationToken);
        var size = stream.CanSeek ? stream.Length : 0;
        return Scan(message, envelope, size, externalScores);
    }
}
