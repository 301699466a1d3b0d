using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>One backend's three stores over one data directory, as a contract test opens them.</summary>
public sealed record ArchiveBackend(IRecordStore Records, IMessageBlobStore Blobs, IAuditLog Audit, IDisposable Lifetime) : IDisposable
{
    public ArchiveVerifier Verifier => new(Records, Blobs, Audit);

    public void Dispose() => Lifetime.Dispose();
}
