using MailFilter.Gateway.Records.Access;
using MailFilter.Gateway.Records.Export;

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
        return services;
    }
}
