using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Verdicts;
using MailFilter.Rules.Facts;
using MimeKit;

namespace MailFilter.Gateway.Tests.Filtering;

/// <summary>A judge that answers as the test says and remembers what it saw.</summary>
public sealed class ScriptedJudge(Func<MimeMessage, CancellationToken, Task<Verdict>> judge) : IMessageJudge
{
    public MessageEnvelope? SeenEnvelope { get; private set; }

    public string? SeenSubject { get; private set; }

    public async ValueTask<Verdict> JudgeAsync(MimeMessage message, MessageEnvelope envelope, long sizeBytes, CancellationToken cancellationToken)
    {
        SeenEnvelope = envelope;
        SeenSubject = message.Subject;
        return await judge(message, cancellationToken);
    }

    public static ScriptedJudge Returning(Verdict verdict) => new((_, _) => Task.FromResult(verdict));
}
