using MailFilter.Gateway.Health;
using MailFilter.Gateway.Queue;

namespace MailFilter.Gateway.Records.Archiving;

public static class ArchiveExtensions
{
    /// <summary>
    /// With <c>Records:Enabled</c> (the default): the archive's stores (<see cref="RecordsExtensions.AddRecords"/>) and the
    /// <see cref="Archiver"/>, which the queue tells of committed and finished entries, and the "archive" health check. Call
    /// it before the queue and delivery are added: the host starts services in the order they were added and stops them in
    /// the reverse, so the archiver scans done before delivery finishes anything, and archives what delivery finished
    /// while it stopped. Off: nothing is added, and the queue removes finished entries at once.
    /// </summary>
    public static WebApplicationBuilder AddArchive(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue($"{RecordsOptions.Section}:{nameof(RecordsOptions.Enabled)}", true))
            return builder;
        var services = builder.Services;
        services.AddRecords();
        services.AddSingleton<ArchiveStores>();
        services.AddSingleton<ArchiverStatus>();
        services.AddSingleton<ArchiveBatchWriter>();
        services.AddSingleton<Archiver>();
        services.AddSingleton<IQueueArchive>(provider => provider.GetRequiredService<Archiver>());
        services.AddHostedService(provider => provider.GetRequiredService<Archiver>());
        services.AddHealthChecks().AddCheck<ArchiveHealthCheck>("archive");
        return builder;
    }
}
