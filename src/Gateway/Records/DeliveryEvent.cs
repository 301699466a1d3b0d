namespace MailFilter.Gateway.Records;

/// <summary>What happened to one recipient at one moment: delivered, deferred, failed, released, bounced.</summary>
/// <param name="Recipient">The envelope recipient.</param>
/// <param name="Outcome">A lower-case word: delivered, deferred, failed, bounced, held, released.</param>
/// <param name="Reply">The next hop's reply (or the local reason), e.g. "250 2.0.0 Ok".</param>
/// <param name="At">When, in UTC.</param>
public sealed record DeliveryEvent(string Recipient, string Outcome, string Reply, DateTimeOffset At);
