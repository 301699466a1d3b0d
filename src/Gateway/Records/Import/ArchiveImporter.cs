using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// Brings existing mail into the archive — mbox files, folders of .eml files, Maildirs — so it also holds what came
/// before the gateway. Each message is kept byte for byte (an mbox message without its "From " line), under the id
/// <see cref="ImportIds"/> gives it, filed under its Date header (else its container's time). Bytes already archived
/// (same SHA-256, whoever archived them) are skipped as duplicates. A message MIME cannot read is still archived,
/// searchable by its container's sender, and listed; only a file that cannot be read is not archived, and it is listed
/// as failed. Each batch is written in the archive's one safe order, as <see cref="ArchiveWriter"/> writes — blobs
/// committed, then one records transaction — but its records are built first, in parallel (an import learns each
/// message's time from the message itself), and batches overlap (<see cref="ImportPipeline"/>). The import is one audit
/// entry (counts, paths, matter), written even when it is interrupted.
/// </summary>
public sealed class ArchiveImporter(
    IRecordStore records,
    IMessageBlobStore blobs,
    IArchivedHashes archived,
    IAuditLog audit,
    ArchiveRecordBuilder builder,
    TimeProvider time,
    ILogger<ArchiveImporter> logger)
{
    /// <summary>Messages per records transaction.</summary>
    public const int BatchMessages = 1000;

    const long BatchBytes = 64L << 20;
    const int ProblemsInAuditEntry = 100;

    static readonly Verdict NotJudged = new()
    {
        Action = VerdictAction.Pass,
        Direction = "unknown",
        Reason = "imported: not judged by the gateway",
    };

    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (request.Paths.Count == 0)
            throw new ArchiveImportException("name at least one mbox file, folder of .eml files or Maildir to import");
        if (ImportSourceWalker.FirstMissing(request.Paths) is { } missing)
            throw new ArchiveImportException($"no such file or folder: {missing}");

        var tally = new ImportTally();
        var interrupted = false;
        Exception? failure = null;
        var pipeline = new ImportPipeline(blobs, records, tally, progress, logger, cancellationToken);
        try
        {
            try
            {
                await ReadAndSendAsync(request, tally, pipeline, cancellationToken);
            }
            finally
            {
                await pipeline.CompleteAsync();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        catch (Exception e)
        {
            // The store failed (disk full, database locked too long): recorded below with what was committed, then rethrown.
            failure = e;
        }

        // Recorded even when interrupted or failed: the batches committed so far are in the archive.
        var (unparseable, failed) = tally.Problems();
        var counts = tally.Progress();
        var entry = await audit.AppendAsync(new AuditEvent(request.Access.Actor, "archive.import", request.Access.MatterOrEmpty, new JsonObject
        {
            ["matter"] = request.Access.Matter,
            ["paths"] = new JsonArray([.. request.Paths.Select(p => JsonValue.Create(Path.GetFullPath(p)))]),
            ["messages"] = counts.Messages,
            ["imported"] = counts.Imported,
            ["duplicates"] = counts.Duplicates,
            ["unparseable"] = unparseable.Count,
            ["unparseableIds"] = new JsonArray([.. unparseable.Take(ProblemsInAuditEntry).Select(p => JsonValue.Create(p.Id))]),
            ["failed"] = failed.Count,
            ["failedSources"] = new JsonArray([.. failed.Take(ProblemsInAuditEntry).Select(p => JsonValue.Create(p.Source))]),
            ["bytes"] = counts.Bytes,
            ["interrupted"] = interrupted,
            ["error"] = failure?.Message,
        }), CancellationToken.None);
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return new ImportResult(counts.Messages, counts.Imported, counts.Duplicates, unparseable, failed, counts.Bytes, tally.Elapsed, interrupted, entry);
    }

    async Task ReadAndSendAsync(ImportRequest request, ImportTally tally, ImportPipeline pipeline, CancellationToken cancellationToken)
    {
        var batch = new List<LoadedMessage>();
        long batchBytes = 0;
        using var reader = new LoadedMessage.Reader();
        foreach (var source in ImportSourceWalker.Walk(request.Paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            tally.Read(source);
            try
            {
                batch.Add(await reader.LoadAsync(source, cancellationToken));
                batchBytes += source.Length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogError("import: {Source} not archived: {Reason}", source.Name, e.Message);
                tally.Failed(new ImportProblem("", source.Name, e.Message));
            }
            if (batch.Count >= BatchMessages || batchBytes >= BatchBytes)
            {
                await pipeline.SendAsync(await PrepareAsync(batch, request.Access, tally, pipeline, cancellationToken));
                batch = [];
                batchBytes = 0;
            }
        }
        if (batch.Count > 0)
            await pipeline.SendAsync(await PrepareAsync(batch, request.Access, tally, pipeline, cancellationToken));
    }

    /// <summary>The batch without duplicates (of each other, of a batch still being written, of what is archived), each with its id and record.</summary>
    async Task<ImportBatch> PrepareAsync(List<LoadedMessage> batch, ArchiveAccess access, ImportTally tally, ImportPipeline pipeline, CancellationToken cancellationToken)
    {
        var unique = new List<LoadedMessage>(batch.Count);
        var shas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            if (shas.Add(message.Sha256) && !pipeline.IsInFlight(message.Sha256))
                unique.Add(message);
        }
        var known = await archived.WhichAreArchivedAsync(unique.Select(m => m.Sha256).ToList(), cancellationToken);
        var fresh = unique.Where(m => !known.Contains(m.Sha256)).ToList();
        tally.Add(duplicateCount: batch.Count - fresh.Count);

        // The short id of bytes not archived is taken only if another message shares its first 80 bits.
        var ids = fresh.Select(m => ImportIds.For(m.Sha256)).ToList();
        var taken = await records.ContainsAsync(ids, cancellationToken);
        var now = time.GetUtcNow();
        var items = new ImportBatch.Item?[fresh.Count];
        Parallel.For(0, fresh.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var id = taken.Contains(ids[i]) ? ImportIds.Full(fresh[i].Sha256) : ids[i];
            items[i] = Build(fresh[i], id, access, now, tally, cancellationToken);
        });
        return new ImportBatch([.. items.OfType<ImportBatch.Item>()], fresh.Select(m => m.Sha256).ToHashSet(StringComparer.Ordinal));
    }

    ImportBatch.Item? Build(LoadedMessage message, string id, ArchiveAccess access, DateTimeOffset now, ImportTally tally, CancellationToken cancellationToken)
    {
        var source = message.Source;
        var provenance = $"imported from {source.Name}{(access.Matter is null ? "" : $" for {access.Matter}")} by {access.Actor}";
        var submission = new ArchiveSubmission(id, source.FallbackTime, new ArchiveEnvelope("", "", source.EnvelopeSender, []), source.Length, message.Sha256, NotJudged)
        {
            Deliveries = [new DeliveryEvent("", "imported", provenance, now)],
        };
        try
        {
            using var content = message.Open();
            var record = builder.Build(submission, content, cancellationToken);
            // Filed under the time the message says it was written; the container's time when it says none.
            record = record with { ReceivedAt = record.Headers.Date?.ToUniversalTime() ?? record.ReceivedAt };
            return new ImportBatch.Item(message, record, UnreadableReason(record));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "import: {Source} ({Id}) not archived: building its record failed", source.Name, id);
            tally.Failed(new ImportProblem("", source.Name, $"building its record failed: {e.Message}"));
            return null;
        }
    }

    /// <summary>Why MIME could not read the message (<see cref="ArchiveRecordBuilder"/> archives it by its envelope with this gap), or null.</summary>
    static string? UnreadableReason(ArchiveRecord record) =>
        record.Coverage.FirstOrDefault(g => g.Part == "message" && g.Reason.StartsWith("not readable as a MIME message", StringComparison.Ordinal))?.Reason;
}
