using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records.Export;

/// <summary>
/// Exports every record a search matches as one package a requester or a court accepts: a .zip of the original
/// <c>.eml</c> files (each checked against its SHA-256 as it is copied), <c>manifest.csv</c>, <c>manifest.csv.sha256</c>
/// and <c>CHAIN-OF-CUSTODY.txt</c>. The export is recorded in the audit log (matter, query, count, manifest hash) before
/// the statement is written, so the statement can name that entry as the chain head. The package is built under a
/// temporary name and renamed only when whole: a failure (a stored message altered or missing) leaves no package.
/// </summary>
public sealed class ArchiveExporter(IRecordStore records, IMessageBlobStore blobs, IAuditLog audit, IOptions<RecordsOptions> options, IOptions<GatewayOptions> gateway, TimeProvider time)
{
    const string MessagesFolder = "messages/";
    readonly TimeZoneInfo zone = options.Value.ResolveTimeZone();

    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Access.Matter))
            throw new ArchiveExportException("an export answers a matter: give the request or case number");
        var output = Path.GetFullPath(request.OutputPath);
        if (File.Exists(output) || Directory.Exists(output))
            throw new ArchiveExportException($"{output} already exists: an export never replaces a package; choose another file");
        var directory = Path.GetDirectoryName(output)!;
        if (!Directory.Exists(directory))
            throw new ArchiveExportException($"no folder {directory} to write the package into");

        var partial = Path.Combine(directory, $".{Path.GetFileName(output)}.{Guid.NewGuid():N}.partial");
        try
        {
            var result = await WritePackageAsync(request, partial, output, cancellationToken);
            File.Move(partial, output);
            Storage.DirectorySync.Sync(directory);
            return result;
        }
        finally
        {
            if (File.Exists(partial))
                File.Delete(partial);
        }
    }

    async Task<ExportResult> WritePackageAsync(ExportRequest request, string partial, string output, CancellationToken cancellationToken)
    {
        var manifest = new ExportManifest();
        long totalBytes = 0;
        await using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        try
        {
            await foreach (var hit in MatchesAsync(request.Query, cancellationToken))
            {
                var record = await records.GetAsync(hit.Id, cancellationToken)
                             ?? throw new ArchiveExportException($"record {hit.Id} disappeared during the export (disposed of?); nothing exported");
                var name = FileNameOf(record);
                await CopyOriginalAsync(zip, record, MessagesFolder + name, cancellationToken);
                manifest.Add(record, MessagesFolder + name, zone);
                totalBytes += record.SizeBytes;
            }

            var manifestBytes = manifest.ToBytes();
            var manifestSha256 = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
            await AddAsync(zip, ExportManifest.FileName, manifestBytes, cancellationToken);
            await AddAsync(zip, ExportManifest.FileName + ".sha256", Encoding.ASCII.GetBytes($"{manifestSha256}  {ExportManifest.FileName}\n"), cancellationToken);

            var at = time.GetUtcNow();
            var entry = await audit.AppendAsync(new AuditEvent(request.Access.Actor, "archive.export", request.Access.MatterOrEmpty, new JsonObject
            {
                ["matter"] = request.Access.Matter,
                ["query"] = ArchiveQueryDetails.ToJson(request.Query, withPaging: false),
                ["count"] = manifest.Count,
                ["bytes"] = totalBytes,
                ["manifestSha256"] = manifestSha256,
                ["file"] = output,
            }), cancellationToken);
            var archiveDirectory = options.Value.FullDirectory(gateway.Value.FullDataDirectory);
            var statement = ChainOfCustodyStatement.Write(request, zone, at, manifest.Count, totalBytes, manifestSha256, entry, archiveDirectory);
            await AddAsync(zip, ChainOfCustodyStatement.FileName, Encoding.UTF8.GetBytes(statement), cancellationToken);

            // Disposing writes the zip's central directory; then the package is synced before it is named.
            zip.Dispose();
            await file.FlushAsync(cancellationToken);
            file.Flush(flushToDisk: true);
            return new ExportResult(output, manifest.Count, totalBytes, manifestSha256, entry);
        }
        finally
        {
            zip.Dispose();
        }
    }

    /// <summary>
    /// Every match, newest first, without OFFSET paging (records the archiver adds meanwhile would shift the pages):
    /// each page ends at the last hit's millisecond, and the next one starts there, skipping ids already seen.
    /// </summary>
    async IAsyncEnumerable<ArchiveSearchHit> MatchesAsync(ArchiveQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var page = query with { Limit = ArchiveQuery.MaxLimit, Page = 1 };
        while (true)
        {
            var result = await records.SearchAsync(page, cancellationToken);
            var fresh = 0;
            foreach (var hit in result.Hits)
            {
                if (!seen.Add(hit.Id))
                    continue;
                fresh++;
                yield return hit;
            }
            if (!result.HasMore)
                yield break;
            if (fresh == 0)
                throw new ArchiveExportException($"more than {ArchiveQuery.MaxLimit} records share the millisecond {result.Hits[^1].ReceivedAt:O}; nothing exported");
            page = page with { Until = result.Hits[^1].ReceivedAt.AddMilliseconds(1) };
        }
    }

    async Task CopyOriginalAsync(ZipArchive zip, ArchiveRecord record, string entryName, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
        entry.LastWriteTime = record.ReceivedAt;
        try
        {
            await using var original = await blobs.OpenAsync(record.Sha256, cancellationToken);
            await using var target = entry.Open();
            // The store's stream checks the SHA-256 at its end: an altered message throws here, before the package is named.
            await original.CopyToAsync(target, cancellationToken);
        }
        catch (Exception e) when (e is BlobIntegrityException or BlobNotFoundException)
        {
            throw new ArchiveExportException($"record {record.Id}: {e.Message}; nothing exported (run `mailfilter archive verify`)", e);
        }
    }

    static async Task AddAsync(ZipArchive zip, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var target = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        await target.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>messages/20250303-090000_ID.eml: sorts by local receive time, unique by id, safe on every file system.</summary>
    string FileNameOf(ArchiveRecord record)
    {
        var local = LocalDays.ToLocal(record.ReceivedAt, zone);
        var id = string.Concat(record.Id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return $"{local.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}_{id}.eml";
    }
}
