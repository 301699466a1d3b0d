using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Conditions;

/// <summary><c>direction: [outbound, internal]</c>: the message travels one of these ways.</summary>
public sealed class DirectionCondition(IReadOnlySet<MessageDirection> directions) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence) => directions.Contains(context.Facts.Direction);
}
