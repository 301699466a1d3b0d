using MailFilter.Gateway.Records.Indexing;
using MailFilter.Rules.Facts;
using MimeKit;

namespace MailFilter.Gateway.Records;

/// <summary>
/// Makes the archive record of a parsed message: its main headers decoded, its verdict's action, categories and model
/// versions, and its index text (<see cref="ArchiveTextBuilder"/>). CPU work with no I/O of its own: the archiver runs
/// it off the reply path.
/// </summary>
public sealed class ArchiveRecordBuilder(ArchiveTextBuilder text, ExtractionLimits? factLimits = null)
{
    // The direction is the verdict's, so the facts never ask the resolver.
    readonly MessageFactsBuilder facts = new(new DirectionResolver([]), factLimits);

    /// <summary>
    /// Parses the message (an mbox "From " line skipped) and builds its record. A message MIME cannot read at all is
    /// still a record — empty headers, a coverage gap saying why — never dropped.
    /// </summary>
    public ArchiveRecord Build(ArchiveSubmission submission, Stream content, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = facts.Load(content, cancellationToken);
        }
        catch (FormatException e)
        {
            return Unparsed(submission, $"not readable as a MIME message ({e.Message}): only its envelope is searchable");
        }
        using (message)
            return Build(submission, message, cancellationToken);
    }

    public ArchiveRecord Build(ArchiveSubmission submission, MimeMessage message, CancellationToken cancellationToken)
    {
        var verdict = submission.Verdict;
        var envelope = new MessageEnvelope(submission.Envelope.Sender, submission.Envelope.Recipients, Direction: MessageDirection.Inbound);
        var messageFacts = facts.Build(message, envelope, submission.SizeBytes);
        var indexed = text.Build(message, messageFacts, submission.Envelope, cancellationToken);
        return new ArchiveRecord
        {
            Id = submission.Id,
            ReceivedAt = submission.ReceivedAt.ToUniversalTime(),
            Envelope = submission.Envelope,
            Headers = new ArchiveHeaders
            {
                From = string.Join(", ", message.From.Mailboxes.Select(m => m.ToString())),
                To = message.To.Mailboxes.Select(m => m.ToString()).ToList(),
                Cc = message.Cc.Mailboxes.Select(m => m.ToString()).ToList(),
                Subject = message.Subject ?? "",
                Date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null,
                MessageId = message.MessageId ?? "",
            },
            SizeBytes = submission.SizeBytes,
            Sha256 = submission.Sha256,
            Direction = verdict.Direction,
            Action = verdict.Action,
            Categories = verdict.Categories,
            Verdict = verdict,
            RulesVersion = verdict.RulesVersion,
            ModelVersions = verdict.External.Select(e => e.Model).Where(m => m.Length > 0).Distinct().ToList(),
            Deliveries = submission.Deliveries,
            SearchText = indexed.Text,
            Coverage = indexed.Coverage,
        };
    }

    static ArchiveRecord Unparsed(ArchiveSubmission submission, string reason) => new()
    {
        Id = submission.Id,
        ReceivedAt = submission.ReceivedAt.ToUniversalTime(),
        Envelope = submission.Envelope,
        SizeBytes = submission.SizeBytes,
        Sha256 = submission.Sha256,
        Direction = submission.Verdict.Direction,
        Action = submission.Verdict.Action,
        Categories = submission.Verdict.Categories,
        Verdict = submission.Verdict,
        RulesVersion = submission.Verdict.RulesVersion,
        Deliveries = submission.Deliveries,
        SearchText = new ArchiveSearchText("", submission.Envelope.Sender, string.Join("\n", submission.Envelope.Recipients), "", ""),
        Coverage = [new CoverageGap("message", reason)],
    };
}
