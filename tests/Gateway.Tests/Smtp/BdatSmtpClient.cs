using MailKit;
using MailKit.Net.Smtp;

namespace MailFilter.Gateway.Tests.Smtp;

/// <summary>MailKit's client, told to send with BDAT whenever the server offers CHUNKING.</summary>
public sealed class BdatSmtpClient(IProtocolLogger logger) : SmtpClient(logger)
{
    protected override bool PreferSendAsBinaryData => true;
}
