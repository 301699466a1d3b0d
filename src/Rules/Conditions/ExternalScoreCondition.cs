using System.Globalization;
using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>external:</c> a score computed outside the rules (e.g. <c>classifier.harassment</c>) is within bounds.
/// A score that is absent never matches: a rule cannot fire on a classifier that did not run.
/// </summary>
public sealed class ExternalScoreCondition(string name, double? atLeast, double? below) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        if (!context.Facts.ExternalScores.TryGetValue(name, out var value))
            return false;
        if ((atLeast is { } min && value < min) || (below is { } max && value >= max))
            return false;
        evidence.Add(new Evidence(name, value.ToString("0.###", CultureInfo.InvariantCulture)));
        return true;
    }
}
