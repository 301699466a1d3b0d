using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Verdicts;
using Microsoft.Win32.SafeHandles;

namespace MailFilter.Gateway.Records.Import;

/// <summary>
/// Brings existing mail into the archive — mbox files, folders of .eml files, Maildirs — so it also holds what came
/// before the gateway. Each message is kept byte for byte (an mbox message without its "From " line), under the id
/// <see cref="ImportIds"/> gives it, filed under its Date header (else its container's time). Bytes already archived
/// (same SHA-256, whoever archived them) are skipped as duplicates. A message MIME cannot read is still archived,
/// searchable by its container's sender, and listed; only a file that cannot be read is not archived, and it is listed
/// as failed. Batches are written in the archive's one safe order, as <see cref="ArchiveWriter"/> writes them — blobs
/// committed, then one records transaction — but a batch's records are built first, in parallel: an import learns
/// each message's time from the message itself. The import is one audit entry (counts, paths, matter), written even
/// when it is interrupted.
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
    public const int BatchMessages = 500;

    const long BatchBytes = 64L << 20;
    const long InMemoryBytes = 16L << 20;
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

        var tally = new ImportTally(Stopwatch.StartNew());
        var interrupted = false;
        var batch = new List<LoadedMessage>();
        long batchBytes = 0;
        var reader = new SourceReader();
        try
        {
            foreach (var source in ImportSourceWalker.Walk(request.Paths))
            {
                cancellationToken.ThrowIfCancellationRequested();
                tally.Messages++;
                tally.Bytes += source.Length;
                tally.Source = source.Name;
                LoadedMessage message;
                try
                {
                    message = await reader.LoadAsync(source, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogError("import: {Source} not archived: {Reason}", source.Name, e.Message);
                    tally.Failed.Add(new ImportProblem("", source.Name, e.Message));
                    continue;
                }
                batch.Add(message);
                batchBytes += message.Source.Length;
                if (batch.Count >= BatchMessages || batchBytes >= BatchBytes)
                {
                    await WriteBatchAsync(batch, request, tally, cancellationToken);
                    batch.Clear();
                    batchBytes = 0;
                    progress?.Report(tally.Progress());
                }
            }
            await WriteBatchAsync(batch, request, tally, cancellationToken);
            progress?.Report(tally.Progress());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        finally
        {
            reader.Dispose();
        }

        // Recorded even when interrupted: the batches committed so far are in the archive.
        var entry = await audit.AppendAsync(new AuditEvent(request.Access.Actor, "archive.import", request.Access.MatterOrEmpty, new JsonObject
        {
            ["matter"] = request.Access.Matter,
            ["paths"] = new JsonArray([.. request.Paths.Select(p => JsonValue.Create(Path.GetFullPath(p)))]),
            ["messages"] = tally.Messages,
            ["imported"] = tally.Imported,
            ["duplicates"] = tally.Duplicates,
            ["unparseable"] = tally.Unparseable.Count,
            ["unparseableIds"] = new JsonArray([.. tally.Unparseable.Take(ProblemsInAuditEntry).Select(p => JsonValue.Create(p.Id))]),
            ["failed"] = tally.Failed.Count,
            ["failedSources"] = new JsonArray([.. tally.Failed.Take(ProblemsInAuditEntry).Select(p => JsonValue.Create(p.Source))]),
            ["bytes"] = tally.Bytes,
            ["interrupted"] = interrupted,
        }), CancellationToken.None);
        return new ImportResult(tally.Messages, tally.Imported, tally.Duplicates, tally.Unparseable, tally.Failed, tally.Bytes, tally.Clock.Elapsed, interrupted, entry);
    }

    async Task WriteBatchAsync(List<LoadedMessage> batch, ImportRequest request, ImportTally tally, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return;
        var fresh = await FreshAsync(batch, tally, cancellationToken);
        var ids = await IdsAsync(fresh, cancellationToken);

        var now = time.GetUtcNow();
        var built = new ArchiveRecord?[fresh.Count];
        Parallel.For(0, fresh.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            built[i] = Build(fresh[i], ids[i], request.Access, now, tally, cancellationToken));

        var toAdd = new List<ArchiveRecord>(fresh.Count);
        var sources = new Dictionary<string, ImportSource>(StringComparer.Ordinal);
        await using (var blobBatch = blobs.BeginBatch())
        {
            for (var i = 0; i < fresh.Count; i++)
            {
                if (built[i] is not { } record)
                    continue;
                try
                {
                    await using var content = fresh[i].Open();
                    await blobBatch.PutAsync(content, record.Sha256, cancellationToken);
                    toAdd.Add(record);
                    sources[record.Id] = fresh[i].Source;
                }
                catch (Exception e) when (e is BlobIntegrityException or IOException or UnauthorizedAccessException)
                {
                    // The file changed between its two reads, or went away.
                    logger.LogError("import: {Source} not archived: {Reason}", fresh[i].Source.Name, e.Message);
                    lock (tally)
                        tally.Failed.Add(new ImportProblem("", fresh[i].Source.Name, e.Message));
                }
            }
            await blobBatch.CommitAsync(cancellationToken);
        }

        var result = await records.AddAsync(toAdd, cancellationToken);
        tally.Imported += result.Added.Count;
        tally.Duplicates += result.AlreadyPresent.Count; // another import of the same bytes, at the same time
        var added = result.Added.ToHashSet(StringComparer.Ordinal);
        foreach (var record in toAdd.Where(r => added.Contains(r.Id)))
            if (UnreadableReason(record) is { } reason)
                tally.Unparseable.Add(new ImportProblem(record.Id, sources[record.Id].Name, reason));
    }

    /// <summary>The batch without repeats of its own bytes and without bytes already archived, which count as duplicates.</summary>
    async Task<List<LoadedMessage>> FreshAsync(List<LoadedMessage> batch, ImportTally tally, CancellationToken cancellationToken)
    {
        var unique = new List<LoadedMessage>(batch.Count);
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            if (inBatch.Add(message.Sha256))
                unique.Add(message);
            else
                tally.Duplicates++;
        }
        var known = await archived.WhichAreArchivedAsync(inBatch, cancellationToken);
        tally.Duplicates += unique.Count(m => known.Contains(m.Sha256));
        return unique.Where(m => !known.Contains(m.Sha256)).ToList();
    }

    /// <summary>Each message's id; the whole hash for one whose short id another message's record already has.</summary>
    async Task<List<string>> IdsAsync(List<LoadedMessage> fresh, CancellationToken cancellationToken)
    {
        var ids = fresh.Select(m => ImportIds.For(m.Sha256)).ToList();
        var taken = await records.ContainsAsync(ids, cancellationToken);
        return ids.Select((id, i) => taken.Contains(id) ? ImportIds.Full(fresh[i].Sha256) : id).ToList();
    }

    ArchiveRecord? Build(LoadedMessage message, string id, Access.ArchiveAccess access, DateTimeOffset now, ImportTally tally, CancellationToken cancellationToken)
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
            return record with { ReceivedAt = record.Headers.Date?.ToUniversalTime() ?? record.ReceivedAt };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "import: {Source} ({Id}) not archived: building its record failed", source.Name, id);
            lock (tally)
                tally.Failed.Add(new ImportProblem("", source.Name, $"building its record failed: {e.Message}"));
            return null;
        }
    }

    /// <summary>Why MIME could not read the message (<see cref="ArchiveRecordBuilder"/> archives it by its envelope with this gap), or null.</summary>
    static string? UnreadableReason(ArchiveRecord record) =>
        record.Coverage.FirstOrDefault(g => g.Part == "message" && g.Reason.StartsWith("not readable as a MIME message", StringComparison.Ordinal))?.Reason;

    /// <summary>A message's bytes (in memory up to 16 MiB; larger ones are read from their file each time) and their SHA-256.</summary>
    sealed record LoadedMessage(ImportSource Source, string Sha256, byte[]? Bytes)
    {
        public Stream Open() => Bytes is not null
            ? new MemoryStream(Bytes, writable: false)
            : new MimeKit.IO.BoundStream(new FileStream(Source.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
                Source.Offset, Source.Offset + Source.Length, leaveOpen: false);
    }

    /// <summary>Reads messages file by file, keeping the current file open (an mbox holds thousands).</summary>
    sealed class SourceReader : IDisposable
    {
        string? path;
        SafeFileHandle? handle;

        public async Task<LoadedMessage> LoadAsync(ImportSource source, CancellationToken cancellationToken)
        {
            if (source.Length > InMemoryBytes)
            {
                var large = new LoadedMessage(source, "", null);
                await using var stream = large.Open();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                    hash.AppendData(buffer, 0, read);
                return large with { Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()) };
            }
            if (path != source.FilePath)
            {
                handle?.Dispose();
                handle = null;
                handle = File.OpenHandle(source.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read);
                path = source.FilePath;
            }
            var bytes = new byte[source.Length];
            var total = 0;
            while (total < bytes.Length)
            {
                var read = await RandomAccess.ReadAsync(handle!, bytes.AsMemory(total), source.Offset + total, cancellationToken);
                if (read == 0)
                    throw new IOException($"{source.FilePath} ended early: it changed while being imported");
                total += read;
            }
            return new LoadedMessage(source, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        }

        public void Dispose() => handle?.Dispose();
    }

    /// <summary>The running counts (updated by the one import loop; the lists also from the parallel build, under a lock).</summary>
    sealed class ImportTally(Stopwatch clock)
    {
        public Stopwatch Clock { get; } = clock;
        public long Messages { get; set; }
        public long Imported { get; set; }
        public long Duplicates { get; set; }
        public long Bytes { get; set; }
        public string Source { get; set; } = "";
        public List<ImportProblem> Unparseable { get; } = [];
        public List<ImportProblem> Failed { get; } = [];

        public ImportProgress Progress() => new(Messages, Imported, Duplicates, Unparseable.Count, Failed.Count, Bytes, Clock.Elapsed, Source);
    }
}
