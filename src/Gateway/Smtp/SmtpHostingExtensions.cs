using Microsoft.AspNetCore.Connections;

namespace MailFilter.Gateway.Smtp;

public static class SmtpHostingExtensions
{
    /// <summary>
    /// Binds <see cref="SmtpOptions"/> (section "Smtp", validated on start) and adds the SMTP listener on
    /// Smtp:Listen to Kestrel. <see cref="SmtpListener"/> tells the bound address. The sessions hand messages
    /// to the <see cref="IMessageReceiver"/> registered in DI.
    /// </summary>
    public static WebApplicationBuilder AddSmtp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSmtpOptions();
        builder.Services.AddSingleton(services => new SmtpListener(
            services.GetRequiredService<IHostApplicationLifetime>(), services.GetRequiredService<ILogger<SmtpListener>>()));
        builder.Services.AddSingleton(services => new SmtpConnectionLimiter(
            services.GetRequiredService<IOptions<SmtpOptions>>().Value, services.GetRequiredService<SmtpRelayPolicy>()));
        builder.Services.AddSingleton(services => new SmtpCertificateProvider(
            services.GetRequiredService<IOptions<SmtpOptions>>().Value,
            services.GetRequiredService<IOptions<GatewayOptions>>().Value.FullDataDirectory,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<SmtpCertificateProvider>()));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<SmtpOptions>>().Value;
            var listener = kestrel.ApplicationServices.GetRequiredService<SmtpListener>();
            if (options.StartTls && options.TlsCertificatePath is not null)
                LoadConfiguredCertificate(kestrel.ApplicationServices.GetRequiredService<SmtpCertificateProvider>(), options.TlsCertificatePath);
            kestrel.Listen(SmtpListenAddress.Parse(options.Listen), listen =>
            {
                listen.UseConnectionHandler<SmtpConnectionHandler>();
                listener.Attach(listen);
            });
        });
        return builder;
    }

    /// <summary>
    /// Binds <see cref="SmtpOptions"/> and registers the <see cref="SmtpRelayPolicy"/> (accepted domains, trusted networks):
    /// what the listener and the judge (<c>scan --client-ip</c> too) need to know of the SMTP side. Registered once.
    /// </summary>
    public static IServiceCollection AddSmtpOptions(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(SmtpRelayPolicy)))
            return services;
        services.AddOptions<SmtpOptions>()
            .BindConfiguration(SmtpOptions.Section)
            .PostConfigure<IConfiguration>(ReplaceDefaultLists)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new SmtpRelayPolicy(provider.GetRequiredService<IOptions<SmtpOptions>>().Value));
        return services;
    }

    /// <summary>
    /// A configured certificate is loaded at start, so a wrong path, key or password stops the start with a
    /// clear message instead of failing every STARTTLS. (A self-signed one is made on first use instead:
    /// making an RSA key would slow every start.)
    /// </summary>
    static void LoadConfiguredCertificate(SmtpCertificateProvider certificates, string path)
    {
        try
        {
            _ = certificates.Context;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
        {
            throw new OptionsValidationException(SmtpOptions.Section, typeof(SmtpOptions),
                [$"Smtp:TlsCertificatePath '{path}' could not be loaded: {e.Message}"]);
        }
    }

    /// <summary>
    /// The configuration binder appends configured list items to a list's defaults; a configured
    /// TrustedNetworks must replace the loopback default instead (and an empty value must empty it).
    /// </summary>
    static void ReplaceDefaultLists(SmtpOptions options, IConfiguration configuration)
    {
        var trusted = configuration.GetSection($"{SmtpOptions.Section}:{nameof(SmtpOptions.TrustedNetworks)}");
        if (trusted.Exists())
            options.TrustedNetworks = trusted.GetChildren().Select(child => child.Value).OfType<string>().Where(value => value.Length > 0).ToList();
    }
}
