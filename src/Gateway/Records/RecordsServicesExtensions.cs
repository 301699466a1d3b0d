using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Export;
using MailFilter.Gateway.Records.Import;
using MailFilter.Gateway.Records.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailFilter.Gateway.Records;

public static class RecordsServicesExtensions
{
    /// <summary>
    /// The archive's stores (<see cref="RecordsExtensions.AddRecords"/>) and the services a records clerk and an auditor
    /// use through them — audited search and views, export, import — for the command line and the console alike.
    /// </summary>
    public static IServiceCollection AddArchiveServices(this IServiceCollection services)
    {
        services.AddRecords();
        services.AddSingleton<AuditedArchive>();
        services.AddSingleton<ArchiveExporter>();
        // The embedded backend's answer to "which bytes are archived"; another backend registers its own first.
        services.TryAddSingleton<IArchivedHashes, SqliteArchivedHashes>();
        services.AddSingleton<ArchiveImporter>();
        return services;
    }
}
