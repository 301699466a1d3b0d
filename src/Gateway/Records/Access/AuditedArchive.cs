using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records.Access;

/// <summary>
/// The archive as a records clerk and an auditor use it, from the command line or the console: every search, view,
/// read of an original, coverage listing and verification is an audit entry naming who, what and for which matter.
/// Dates are the caller's to turn into UTC bounds (<see cref="LocalTimeInput"/>, in <see cref="TimeZone"/>).
/// </summary>
public sealed class AuditedArchive(IRecordStore records, IMessageBlobStore blobs, IAuditLog audit, ArchiveVerifier verifier, IOptions<RecordsOptions> options)
{
    /// <summary>The organisation's zone (<c>Records:TimeZone</c>): the one dates are typed and shown in.</summary>
    public TimeZoneInfo TimeZone { get; } = options.Value.ResolveTimeZone();

    /// <summary>One page of hits, newest first; audited as <c>archive.search</c> with the query, the count and the matter.</summary>
    /// <exception cref="ArchiveQueryException">The full-text query cannot be read; nothing is audited.</exception>
    public async Task<ArchiveSearchPage> SearchAsync(ArchiveQuery query, ArchiveAccess access, CancellationToken cancellationToken)
    {
        var page = await records.SearchAsync(query, cancellationToken);
        await audit.AppendAsync(new AuditEvent(access.Actor, "archive.search", access.MatterOrEmpty, new JsonObject
        {
            ["query"] = ArchiveQueryDetails.ToJson(query, withPaging: true),
            ["count"] = page.Hits.Count,
            ["hasMore"] = page.HasMore,
            ["matter"] = access.Matter,
        }), cancellationToken);
        return page;
    }

    /// <summary>The whole record, or null; audited as <c>archive.view</c> either way (an attempt on an unknown id is worth knowing too).</summary>
    public async Task<ArchiveRecord?> ViewAsync(string id, ArchiveAccess access, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(id, cancellationToken);
        await audit.AppendAsync(new AuditEvent(access.Actor, "archive.view", id, new JsonObject
        {
            ["found"] = record is not null,
            ["sha256"] = record?.Sha256,
            ["matter"] = access.Matter,
        }), cancellationToken);
        return record;
    }

    /// <summary>
    /// The record and its original bytes, checked whole against their SHA-256 before the stream is handed out (and
    /// checked again as it is read); audited as <c>archive.raw</c>. Null when there is no such record.
    /// </summary>
    /// <exception cref="BlobIntegrityException">The stored bytes no longer hash to the record's SHA-256.</exception>
    /// <exception cref="BlobNotFoundException">The record's stored message is gone.</exception>
    public async Task<(ArchiveRecord Record, Stream Content)?> OpenOriginalAsync(string id, ArchiveAccess access, CancellationToken cancellationToken)
    {
        var record = await records.GetAsync(id, cancellationToken);
        var condition = record is null ? (BlobCondition?)null : await blobs.VerifyAsync(record.Sha256, cancellationToken);
        await audit.AppendAsync(new AuditEvent(access.Actor, "archive.raw", id, new JsonObject
        {
            ["found"] = record is not null,
            ["sha256"] = record?.Sha256,
            ["condition"] = condition?.ToString().ToLowerInvariant(),
            ["matter"] = access.Matter,
        }), cancellationToken);
        if (record is null)
            return null;
        return condition switch
        {
            BlobCondition.Missing => throw new BlobNotFoundException(record.Sha256),
            BlobCondition.Altered => throw new BlobIntegrityException(record.Sha256, $"the stored message {record.Sha256} was altered: it no longer hashes to its name"),
            _ => (record, await blobs.OpenAsync(record.Sha256, cancellationToken)),
        };
    }

    /// <summary>Records with something the index could not see, newest first, one page of them; audited as <c>archive.coverage</c>.</summary>
    public async Task<IReadOnlyList<RecordCoverage>> CoverageAsync(int limit, int page, ArchiveAccess access, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, ArchiveQuery.MaxLimit);
        var skip = (long)(Math.Max(page, 1) - 1) * limit;
        var listed = new List<RecordCoverage>();
        await foreach (var coverage in Page(records.ListCoverageAsync(cancellationToken), skip, limit, cancellationToken))
            listed.Add(coverage);
        await audit.AppendAsync(new AuditEvent(access.Actor, "archive.coverage", access.MatterOrEmpty, new JsonObject
        {
            ["count"] = listed.Count,
            ["limit"] = limit,
            ["page"] = Math.Max(page, 1),
        }), cancellationToken);
        return listed;
    }

    /// <summary>
    /// Re-hashes every stored message and walks the audit chain (<see cref="ArchiveVerifier"/>), then records the
    /// verification as <c>archive.verify</c>: the returned entry is the new head of the chain, to be kept elsewhere.
    /// </summary>
    public async Task<(ArchiveVerification Verification, AuditEntry Entry)> VerifyAsync(AuditHead? knownHead, ArchiveAccess access, CancellationToken cancellationToken)
    {
        var verification = await verifier.VerifyAsync(knownHead, cancellationToken);
        var entry = await audit.AppendAsync(new AuditEvent(access.Actor, "archive.verify", "", new JsonObject
        {
            ["intact"] = verification.IsIntact,
            ["records"] = verification.RecordsChecked,
            ["blobs"] = verification.BlobsChecked,
            ["auditEntries"] = verification.AuditEntriesChecked,
            ["problems"] = verification.Problems.Count,
            ["verifiedHead"] = verification.AuditHead.ToString(),
            ["knownHead"] = knownHead?.ToString(),
        }), cancellationToken);
        return (verification, entry);
    }

    static async IAsyncEnumerable<T> Page<T>(IAsyncEnumerable<T> items, long skip, int take, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long index = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (index++ < skip)
                continue;
            yield return item;
            if (index - skip >= take)
                yield break;
        }
    }
}
