using MailFilter.Gateway.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The archive's services as the command line composes them (AddArchiveServices), over a test's data directory.</summary>
public static class ArchiveServices
{
    public static ServiceProvider Open(string dataDirectory, string timeZone = "America/Chicago", TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:DataDirectory"] = dataDirectory,
            ["Records:TimeZone"] = timeZone,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        if (time is not null)
            services.AddSingleton(time);
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        services.AddArchiveServices();
        return services.BuildServiceProvider();
    }
}
