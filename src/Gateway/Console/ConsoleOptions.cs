using System.ComponentModel.DataAnnotations;

// Namespace WebConsole, not Console: a MailFilter.Gateway.Console namespace would hide System.Console in every file of the gateway.
namespace MailFilter.Gateway.WebConsole;

/// <summary>The HTTP endpoint for the console, /healthz and /metrics. Section "Console".</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>An http:// URL with an IP address or localhost; port 0 picks a free port.</summary>
    [Required]
    public string Url { get; set; } = "http://127.0.0.1:8025";
}
