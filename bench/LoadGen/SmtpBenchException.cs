namespace MailFilter.Bench.LoadGen;

/// <summary>The server answered a session-level step (greeting, EHLO) with something other than success.</summary>
public sealed class SmtpBenchException(SmtpReply reply, string step)
    : Exception($"{step}: {reply.Code} {reply.LastLine}")
{
    public SmtpReply Reply { get; } = reply;
}
