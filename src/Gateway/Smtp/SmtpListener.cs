using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// Where the SMTP listener is bound. With Smtp:Listen on port 0, <see cref="EndPoint"/> gives the port the
/// system chose — once the host has started (Kestrel writes the bound address back into its ListenOptions).
/// </summary>
public sealed class SmtpListener
{
    ListenOptions? _listenOptions;

    internal SmtpListener(IHostApplicationLifetime lifetime, ILogger<SmtpListener> logger)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (_listenOptions is not null)
                logger.LogInformation("SMTP listening on {EndPoint}", EndPoint);
        });
    }

    /// <summary>The bound address and port.</summary>
    /// <exception cref="InvalidOperationException">The host has not started the SMTP listener.</exception>
    public IPEndPoint EndPoint =>
        _listenOptions?.IPEndPoint is { Port: > 0 } endPoint ? endPoint
        : throw new InvalidOperationException("The SMTP listener is not bound yet: start the host first.");

    internal void Attach(ListenOptions listenOptions) => _listenOptions = listenOptions;
}
