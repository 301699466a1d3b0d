using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records;

/// <summary>
/// Archives a batch of messages in the one safe order: each message's bytes stored under their SHA-256 and the blob
/// batch committed (durable), then every record added in one transaction. A crash anywhere leaves at worst blobs
/// without records, which writing the same batch again finds already stored; writing it again adds nothing twice.
/// The archiver (from the queue journal) and import both write through it. A message that fails (its bytes no longer
/// hash to the SHA-256 its submission carries, its file is gone) is reported and logged by id; the rest are archived.
/// </summary>
public sealed class ArchiveWriter(IMessageBlobStore blobs, IRecordStore records, ArchiveRecordBuilder builder, ILogger<ArchiveWriter> logger)
{
    public async Task<ArchiveWriteResult> WriteAsync(IReadOnlyList<ArchiveItem> items, CancellationToken cancellationToken)
    {
        var present = await records.ContainsAsync(items.Select(i => i.Submission.Id).ToList(), cancellationToken);
        var built = new List<ArchiveRecord>();
        var failed = new List<ArchiveWriteFailure>();
        await using (var batch = blobs.BeginBatch())
        {
            foreach (var item in items.Where(i => !present.Contains(i.Submission.Id)))
            {
                var record = await StoreAndBuildAsync(batch, item, cancellationToken);
                if (record.Failure is { } failure)
                    failed.Add(failure);
                else
                    built.Add(record.Record!);
            }
            await batch.CommitAsync(cancellationToken);
        }
        var added = await records.AddAsync(built, cancellationToken);
        return new ArchiveWriteResult(added.Added, [.. present, .. added.AlreadyPresent], failed);
    }

    async Task<(ArchiveRecord? Record, ArchiveWriteFailure? Failure)> StoreAndBuildAsync(IMessageBlobBatch batch, ArchiveItem item, CancellationToken cancellationToken)
    {
        var submission = item.Submission;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["QueueId"] = submission.Id });
        try
        {
            await using (var content = await item.OpenContent(cancellationToken))
                await batch.PutAsync(content, submission.Sha256, cancellationToken);
            await using var again = await item.OpenContent(cancellationToken);
            return (builder.Build(submission, again, cancellationToken), null);
        }
        catch (Exception e) when (e is BlobIntegrityException or IOException or UnauthorizedAccessException)
        {
            logger.LogError("not archived: {Reason}", e.Message);
            return (null, new ArchiveWriteFailure(submission.Id, e.Message));
        }
    }
}
