using MailFilter.Gateway.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>One message as the receiver got it.</summary>
public sealed record ReceivedMessage(SmtpEnvelope Envelope, byte[] Content)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}
