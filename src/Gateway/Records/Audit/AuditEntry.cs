namespace MailFilter.Gateway.Records.Audit;

/// <summary>One link of the audit chain, as stored.</summary>
/// <param name="Seq">1, 2, 3, … with no gaps.</param>
/// <param name="At">When it was appended, UTC, to the millisecond.</param>
/// <param name="Actor">Who.</param>
/// <param name="Action">What.</param>
/// <param name="Target">To what.</param>
/// <param name="Details">Canonical JSON: keys sorted, no whitespace (<see cref="AuditChain.Canonicalize"/>).</param>
/// <param name="PreviousHash">The hash of entry <c>Seq - 1</c> (<see cref="AuditChain.GenesisHash"/> for the first).</param>
/// <param name="Hash">SHA-256 over the previous hash and this entry's canonical form (<see cref="AuditChain.Hash"/>).</param>
public sealed record AuditEntry(long Seq, DateTimeOffset At, string Actor, string Action, string Target, string Details, string PreviousHash, string Hash);
