using MailFilter.Rules.Facts;

namespace MailFilter.Rules.Conditions;

/// <summary>The kinds of text a condition reads (<c>in: [subject, body, attachments]</c>).</summary>
public sealed record TextScope(bool Subject, bool Body, bool Attachments)
{
    public static TextScope All { get; } = new(true, true, true);

    public bool Includes(TextKind kind) => kind switch
    {
        TextKind.Subject => Subject,
        TextKind.Body => Body,
        _ => Attachments,
    };
}
