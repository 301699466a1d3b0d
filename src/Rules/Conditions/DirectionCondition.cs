using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Conditions;

/// <summary><c>direction: [outbound, internal]</c>: the message travels one of these ways.</summary>
public sealed class DirectionCondition(IReadOnlySet<MessageDirection> directions) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        if (!directions.Contains(context.Facts.Direction))
            return false;
        evidence.Add(new Evidence("direction", context.Facts.Direction.ToString().ToLowerInvariant()));
        return true;
    }
}
