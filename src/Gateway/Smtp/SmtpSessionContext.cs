using System.Net;
using System.Security.Cryptography;

namespace MailFilter.Gateway.Smtp;

/// <summary>Who is on the other end of one session.</summary>
internal sealed record SmtpSessionContext(string SessionId, IPEndPoint RemoteEndPoint)
{
    /// <summary>A fresh 12-character session id: short enough to grep, random enough not to repeat across restarts.</summary>
    public static string NewSessionId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6));

    public static SmtpSessionContext For(IPEndPoint remoteEndPoint) => new(NewSessionId(), remoteEndPoint);
}
