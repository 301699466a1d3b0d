using System.ComponentModel.DataAnnotations;

namespace MailFilter.Gateway;

/// <summary>Where the gateway keeps its state and finds its policy. Section "Gateway".</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Queue, records, TLS certificate and outbox live here. Relative paths are from the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The policy rules folder; empty means the rules shipped beside the executable.</summary>
    public string RulesDirectory { get; set; } = "";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
