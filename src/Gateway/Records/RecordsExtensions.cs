using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;
using MailFilter.Gateway.Records.Indexing;
using MailFilter.Gateway.Records.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailFilter.Gateway.Records;

public static class RecordsExtensions
{
    /// <summary>
    /// Registers the embedded archive under DATA/archive (or Records:Directory): the SQLite records store and audit log,
    /// the zstd blob store, the writer (blobs, then records), the verifier and the record builder with its attachment
    /// extractors. Callers see only the
    /// interfaces; a PostgreSQL/S3 backend replaces these registrations.
    /// </summary>
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new SqliteArchiveDatabase(ArchiveLayout.DatabasePath(ArchiveDirectory(provider))));
        services.AddSingleton<IRecordStore, SqliteRecordStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IMessageBlobStore>(provider => new FileBlobStore(
            ArchiveLayout.BlobDirectory(ArchiveDirectory(provider)),
            provider.GetRequiredService<IOptions<RecordsOptions>>().Value.CompressionLevel));
        services.AddSingleton<ArchiveVerifier>();
        services.AddSingleton<IAttachmentTextExtractor, PdfTextExtractor>();
        services.AddSingleton<IAttachmentTextExtractor, WordTextExtractor>();
        services.AddSingleton<IAttachmentTextExtractor, SpreadsheetTextExtractor>();
        services.AddSingleton<IAttachmentTextExtractor, PresentationTextExtractor>();
        services.AddSingleton(provider => new ArchiveTextBuilder(
            provider.GetServices<IAttachmentTextExtractor>(),
            provider.GetRequiredService<IOptions<RecordsOptions>>().Value.Extraction));
        services.AddSingleton<ArchiveRecordBuilder>(provider => new ArchiveRecordBuilder(provider.GetRequiredService<ArchiveTextBuilder>()));
        services.AddSingleton<ArchiveWriter>();
        return services;
    }

    static string ArchiveDirectory(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<RecordsOptions>>().Value.FullDirectory(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.FullDataDirectory);
}
