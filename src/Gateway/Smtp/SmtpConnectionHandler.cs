using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace MailFilter.Gateway.Smtp;

/// <summary>Kestrel's entry point for each SMTP connection: admits it under the connection limits and runs a session.</summary>
internal sealed class SmtpConnectionHandler(
    IServiceProvider services,
    IOptions<SmtpOptions> options,
    SmtpConnectionLimiter limiter,
    IHostApplicationLifetime lifetime,
    ILogger<SmtpConnectionHandler> logger) : ConnectionHandler
{
    SmtpSessionServices? _sessionServices;

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var remote = connection.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        if (!limiter.TryAcquire(remote.Address, out var refusal))
        {
            logger.LogInformation("Refused connection from {RemoteEndPoint}: {Reply}", remote, refusal);
            SmtpReplyWriter.Write(connection.Transport.Output, refusal);
            await connection.Transport.Output.FlushAsync();
            await connection.Transport.Output.CompleteAsync();
            return;
        }
        try
        {
            // Kestrel asks each connection to close when the host stops (graceful shutdown); the application
            // stopping token covers hosts where that notification is absent.
            var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(closeRequested, lifetime.ApplicationStopping);
            var session = new SmtpSession(connection.Transport, SmtpSessionContext.For(remote), SessionServices());
            await session.RunAsync(stop.Token);
        }
        finally
        {
            limiter.Release(remote.Address);
        }
    }

    SmtpSessionServices SessionServices() => _sessionServices ??= new SmtpSessionServices(
        options.Value,
        services.GetRequiredService<SmtpRelayPolicy>(),
        // Resolved at the first connection, not at start, so the host starts even before a receiver is registered.
        services.GetService<IMessageReceiver>() ?? new UnavailableMessageReceiver(),
        options.Value.StartTls ? services.GetRequiredService<SmtpCertificateProvider>() : null,
        services.GetRequiredService<ILoggerFactory>().CreateLogger("MailFilter.Gateway.Smtp.SmtpSession"));
}
