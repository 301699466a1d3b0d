using MailFilter.Rules;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.MassMailing;
using RulesDirection = MailFilter.Rules.Facts.MessageDirection;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// The policy backed by the YAML rules: builds facts from the parsed message and envelope, adds the scores of
/// every <see cref="RulesScoreSource"/> (the classifier), and evaluates the rule set in force. The rules folder
/// (Gateway:RulesDirectory, default the shipped rules beside the executable) is watched: a change is picked
/// up without a restart, and a change with errors is logged and ignored (the last good set stays).
/// The mass-mail fingerprint window lives here for the gateway's lifetime.
/// </summary>
public sealed class RulesMessagePolicy : IMessagePolicy, IDisposable
{
    static readonly TimeSpan SimilarContentWindow = TimeSpan.FromHours(1);

    readonly ReloadingRuleSet rules;
    readonly ISimilarContentCounter similarContent = new InMemorySimilarContentCounter(SimilarContentWindow);
    readonly IReadOnlyList<RulesScoreSource> scoreSources;
    readonly ILogger<RulesMessagePolicy> logger;
    MessageScanner scanner;
    int reloadAttempts;

    public RulesMessagePolicy(IOptions<GatewayOptions> options, IEnumerable<RulesScoreSource> scoreSources, ILogger<RulesMessagePolicy> logger)
    {
        this.logger = logger;
        this.scoreSources = scoreSources.ToList();
        var directory = string.IsNullOrWhiteSpace(options.Value.RulesDirectory)
            ? Path.Combine(AppContext.BaseDirectory, "rules")
            : Path.GetFullPath(options.Value.RulesDirectory);
        rules = new ReloadingRuleSet(directory);
        scanner = new MessageScanner(rules.Current, similarContent);
        rules.Reloaded += OnReloaded;
        rules.StartWatching();
        logger.LogInformation("Policy rules {Version} loaded from {Directory}: {Count} rules", rules.Current.Version, directory, rules.Current.Rules.Count);
        foreach (var warning in rules.Current.Warnings)
            logger.LogWarning("Policy rules: {Warning}", warning);
    }

    /// <summary>The version of the rule set in force.</summary>
    public string RulesVersion => Volatile.Read(ref scanner).RuleSet.Version;

    /// <summary>How many times the folder changed and a reload was tried (successful or not).</summary>
    public int ReloadAttempts => Volatile.Read(ref reloadAttempts);

    public async ValueTask<Verdict> EvaluateAsync(MessageUnderReview message, CancellationToken cancellationToken)
    {
        var externalScores = new List<ExternalScore>();
        foreach (var source in scoreSources)
            externalScores.AddRange(await source.ScoreAsync(message.Message, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        var external = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var score in externalScores)
            external[score.Name] = score.Value;

        var envelope = message.Envelope;
        var facts = new MessageEnvelope(
            envelope.ReversePath,
            envelope.Recipients,
            new ClientFacts(envelope.RemoteEndPoint.Address.ToString(), envelope.HeloName, envelope.AuthenticatedUser, envelope.IsTrustedClient),
            message.Direction switch
            {
                MessageDirection.Inbound => RulesDirection.Inbound,
                MessageDirection.Outbound => RulesDirection.Outbound,
                MessageDirection.Internal => RulesDirection.Internal,
                _ => null,
            });
        var (_, verdict) = Volatile.Read(ref scanner).Scan(message.Message, facts, message.SizeBytes, external);
        return RulesVerdictMapper.ToGateway(verdict) with { ExternalScores = externalScores };
    }

    void OnReloaded(RuleSetLoadResult result)
    {
        Interlocked.Increment(ref reloadAttempts);
        if (result.Succeeded)
        {
            Volatile.Write(ref scanner, new MessageScanner(result.RuleSet!, similarContent));
            logger.LogInformation("Policy rules reloaded: version {Version}, {Count} rules", result.RuleSet!.Version, result.RuleSet.Rules.Count);
            return;
        }
        foreach (var error in result.Errors)
            logger.LogError("Policy rules refused: {Error}", error.ToString());
        logger.LogError("Policy rules change ignored; version {Version} stays in force", rules.Current.Version);
    }

    public void Dispose() => rules.Dispose();
}
