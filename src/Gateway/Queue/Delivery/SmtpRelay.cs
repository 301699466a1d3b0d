using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>One SMTP transaction to one next hop over a pooled MailKit connection, with a result per recipient.</summary>
public sealed class SmtpRelay(SmtpConnectionPool pool, ILogger<SmtpRelay> logger)
{
    /// <summary>Null when no connection could be made (the caller may try another MX host).</summary>
    public async Task<IReadOnlyList<RecipientResult>?> SendAsync(OutgoingMessage message, NextHop hop, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            SmtpConnectionLease lease;
            try
            {
                lease = await pool.AcquireAsync(hop, cancellationToken);
            }
            catch (Exception exception) when (IsConnectionFailure(exception) || exception is SmtpCommandException)
            {
                // Includes a refusing greeting or EHLO (e.g. 554): like a dead host, the next MX host may do better.
                logger.LogWarning("{QueueId}: cannot connect to {NextHop}: {Error}", message.Id, hop, exception.Message);
                return null;
            }
            try
            {
                var results = await TransactAsync(lease.Client, message, hop, recipients, cancellationToken);
                lease.Return();
                return results;
            }
            catch (SmtpCommandException exception)
            {
                // MailKit has already sent RSET: the connection is still usable.
                lease.Return();
                return CommandFailure(exception, lease.Client, hop, recipients);
            }
            catch (Exception exception) when (IsConnectionFailure(exception))
            {
                lease.Discard();
                // A reused connection may have been closed by the next hop while idle: one retry on a fresh one.
                if (lease.Reused && attempt == 0)
                    continue;
                var reply = $"451 4.4.2 Connection to {hop} failed: {OneLine(exception.Message)}";
                return RecipientResult.ForAll(recipients, RecipientOutcome.Transient, reply, hop.Host);
            }
            catch
            {
                lease.Discard();
                throw;
            }
        }
    }

    static async Task<IReadOnlyList<RecipientResult>> TransactAsync(RelayingSmtpClient client, OutgoingMessage message, NextHop hop, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        client.ClearRecipientReplies();
        var mime = RawMimeMessage.Create(message);
        var format = RawMimeMessage.CreateFormatOptions(message.Envelope.SmtpUtf8);
        var sender = new MailboxAddress("", message.Envelope.Sender);
        var mailboxes = recipients.Select(address => new MailboxAddress("", address)).ToList();
        var finalReply = await client.SendAsync(format, mime, sender, mailboxes, cancellationToken);
        client.MessagesSent++;
        return recipients.Select(address =>
        {
            var reply = ReplyFor(client, address);
            return reply is { Accepted: false } refused
                ? Refused(address, refused.Response, hop)
                : new RecipientResult(address, RecipientOutcome.Delivered, $"250 {OneLine(finalReply)}", hop.Host);
        }).ToList();
    }

    static IReadOnlyList<RecipientResult> CommandFailure(SmtpCommandException exception, RelayingSmtpClient client, NextHop hop, IReadOnlyList<string> recipients)
    {
        var code = (int)exception.StatusCode;
        var outcome = code >= 500 ? RecipientOutcome.Permanent : RecipientOutcome.Transient;
        var reply = $"{code} {OneLine(exception.Message)}";
        return recipients.Select(address =>
        {
            // "No recipients were accepted" is MailKit's summary: each recipient's own reply says more.
            var own = ReplyFor(client, address);
            if (own is { Accepted: false } refused)
                return Refused(address, refused.Response, hop);
            return new RecipientResult(address, outcome, reply, hop.Host);
        }).ToList();
    }

    static (string Address, bool Accepted, SmtpResponse Response)? ReplyFor(RelayingSmtpClient client, string address)
    {
        foreach (var reply in client.RecipientReplies)
        {
            if (string.Equals(reply.Address, address, StringComparison.OrdinalIgnoreCase))
                return reply;
        }
        return null;
    }

    static RecipientResult Refused(string address, SmtpResponse response, NextHop hop)
    {
        var code = (int)response.StatusCode;
        return new RecipientResult(address, code >= 500 ? RecipientOutcome.Permanent : RecipientOutcome.Transient, $"{code} {OneLine(response.Response)}", hop.Host);
    }

    static bool IsConnectionFailure(Exception exception) => exception is
        SocketException or IOException or SmtpProtocolException or SslHandshakeException or ServiceNotConnectedException
        or TimeoutException or OperationCanceledException { CancellationToken.IsCancellationRequested: false }
        or AuthenticationException;

    static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
