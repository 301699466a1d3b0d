using MailFilter.Gateway.Records.Blobs;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// The archive's stores as the archiver reaches them: resolved on each use, not when the gateway starts. An archive that
/// cannot be opened (its directory gone or replaced by a file, a database from a newer build) is then an archive fault
/// the archiver logs and retries while mail keeps flowing, not a gateway that refuses to start. (A store that fails to
/// open is not kept: the next use tries again.)
/// </summary>
public sealed class ArchiveStores(IServiceProvider services)
{
    public IRecordStore Records => services.GetRequiredService<IRecordStore>();

    public IMessageBlobStore Blobs => services.GetRequiredService<IMessageBlobStore>();

    public ArchiveRecordBuilder Builder => services.GetRequiredService<ArchiveRecordBuilder>();
}
