using MailKit.Net.Smtp;
using MimeKit;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// MailKit's SmtpClient for relaying: never re-encodes a message, prefers BDAT when the next hop offers
/// CHUNKING, and records each recipient's reply instead of failing the whole message on the first refusal.
/// </summary>
public sealed class RelayingSmtpClient : SmtpClient
{
    readonly List<(string Address, bool Accepted, SmtpResponse Response)> recipientReplies = [];

    public RelayingSmtpClient(NextHop hop) => Hop = hop;

    public NextHop Hop { get; }

    public int MessagesSent { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    public IReadOnlyList<(string Address, bool Accepted, SmtpResponse Response)> RecipientReplies => recipientReplies;

    public void ClearRecipientReplies() => recipientReplies.Clear();

    protected override bool PreferSendAsBinaryData => true;

    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength)
    {
        // The stored bytes go out as received: no transfer encoding is changed.
    }

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        recipientReplies.Add((mailbox.Address, true, response));

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        recipientReplies.Add((mailbox.Address, false, response));
}
