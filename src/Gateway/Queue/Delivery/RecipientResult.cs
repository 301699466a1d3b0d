namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>What happened to one recipient in one delivery attempt.</summary>
/// <param name="Address">The recipient.</param>
/// <param name="Outcome">Delivered, or failed transiently or permanently.</param>
/// <param name="Reply">The reply that decided it, as "code enhanced-code text", or the local reason.</param>
/// <param name="RemoteHost">The next hop that replied, if one did.</param>
public sealed record RecipientResult(string Address, RecipientOutcome Outcome, string Reply, string? RemoteHost)
{
    public static IReadOnlyList<RecipientResult> ForAll(IEnumerable<string> recipients, RecipientOutcome outcome, string reply, string? remoteHost = null) =>
        recipients.Select(address => new RecipientResult(address, outcome, reply, remoteHost)).ToList();
}
