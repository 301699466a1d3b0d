using MailFilter.Gateway.Verdicts;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// An engine outside the rules (the harassment classifier) that scores a message before the rules run. Its
/// scores reach the rules as named external scores (e.g. <c>classifier.harassment</c>) that packs test with
/// <c>external:</c>, and the verdict keeps them with their explanation. Register implementations as
/// <c>RulesScoreSource</c> singletons.
/// </summary>
public abstract class RulesScoreSource
{
    /// <summary>What it scores, e.g. "harassment".</summary>
    public abstract string Name { get; }

    /// <summary>The version of the model it scores with, as verdicts name it.</summary>
    public abstract string ModelVersion { get; }

    public abstract ValueTask<IReadOnlyList<ExternalScore>> ScoreAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>Loads the model (and compiles what the first message would), so a missing or broken model stops the start.</summary>
    public virtual void WarmUp()
    {
    }
}
