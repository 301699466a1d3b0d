using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary><c>message_size:</c> the raw message size in bytes is within bounds.</summary>
public sealed class MessageSizeCondition(long? atLeast, long? atMost) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        var size = context.Facts.SizeBytes;
        if ((atLeast is { } min && size < min) || (atMost is { } max && size > max))
            return false;
        evidence.Add(new Evidence("message", $"{size} bytes"));
        return true;
    }
}
