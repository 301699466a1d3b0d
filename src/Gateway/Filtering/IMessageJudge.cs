using MailFilter.Gateway.Verdicts;
using MailFilter.Rules.Facts;
using MimeKit;

namespace MailFilter.Gateway.Filtering;

/// <summary>
/// Message in, verdict out: the one judge that <c>serve</c> (before the reply), <c>scan</c> and the console use, so a
/// message gets the same verdict whichever of them asks. Called under the filtering deadline; an exception or a
/// missed deadline is a 451 tempfail.
/// </summary>
public interface IMessageJudge
{
    /// <param name="message">The parsed message (from <see cref="MessageParser"/>); read its content before returning.</param>
    /// <param name="envelope">The envelope and, when known, the client; the judge decides the direction.</param>
    /// <param name="sizeBytes">The size of the message as received.</param>
    ValueTask<Verdict> JudgeAsync(MimeMessage message, MessageEnvelope envelope, long sizeBytes, CancellationToken cancellationToken);
}
