namespace MailFilter.Gateway.Filtering;

/// <summary>The policy until a rules-backed one is registered: every message passes.</summary>
public sealed class PassEverythingPolicy : IMessagePolicy
{
    public ValueTask<Verdict> EvaluateAsync(MessageUnderReview message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Verdict.Pass with { Direction = message.Direction.ToString().ToLowerInvariant(), Policy = "pass-everything" });
}
