using MailFilter.Gateway.Filtering;

namespace MailFilter.Gateway.Tests.Filtering;

/// <summary>A policy that answers as the test says and remembers what it saw.</summary>
public sealed class ScriptedPolicy(Func<MessageUnderReview, CancellationToken, Task<Verdict>> judge) : IMessagePolicy
{
    public MessageUnderReview? Seen { get; private set; }

    public string? SeenSubject { get; private set; }

    public async ValueTask<Verdict> EvaluateAsync(MessageUnderReview message, CancellationToken cancellationToken)
    {
        Seen = message;
        SeenSubject = message.Message.Subject;
        return await judge(message, cancellationToken);
    }

    public static ScriptedPolicy Returning(Verdict verdict) => new((_, _) => Task.FromResult(verdict));
}
