using System.IO.Enumeration;
using MailFilter.Rules.Evaluation;

namespace MailFilter.Rules.Conditions;

/// <summary>
/// <c>attachment:</c> some attachment matches every given filter: file name globs (<c>names:</c>), MIME type
/// globs (<c>types:</c>), and size bounds.
/// </summary>
public sealed class AttachmentCondition(
    IReadOnlyList<string> names,
    IReadOnlyList<string> types,
    long? sizeAtLeast,
    long? sizeAtMost) : ICondition
{
    public bool Evaluate(EvaluationContext context, List<Evidence> evidence)
    {
        foreach (var attachment in context.Facts.Attachments)
        {
            if (names.Count > 0 && !names.Any(n => FileSystemName.MatchesSimpleExpression(n, attachment.FileName, ignoreCase: true)))
                continue;
            if (types.Count > 0 && !types.Any(t => FileSystemName.MatchesSimpleExpression(t, attachment.ContentType, ignoreCase: true)))
                continue;
            if (sizeAtLeast is { } min && attachment.SizeBytes < min)
                continue;
            if (sizeAtMost is { } max && attachment.SizeBytes > max)
                continue;
            evidence.Add(new Evidence(attachment.Label, $"{attachment.FileName} ({attachment.ContentType}, {attachment.SizeBytes} bytes)"));
            return true;
        }
        return false;
    }
}
