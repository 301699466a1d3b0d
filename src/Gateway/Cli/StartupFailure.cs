using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;

namespace MailFilter.Gateway.Cli;

/// <summary>
/// Turns the faults a mistaken setting or a busy port cause into the one line the README promises (key, value and
/// what is expected; the address that is taken and the setting that names it), instead of a stack trace.
/// </summary>
public static partial class StartupFailure
{
    /// <summary>The one-line reason for <paramref name="exception"/>, or null when it is not a setting or start-up fault.</summary>
    public static string? Describe(Exception exception, IConfiguration? configuration = null)
    {
        if (exception is InvalidOperationException && ConversionFailure().Match(exception.Message) is { Success: true } match)
            return $"invalid configuration: {match.Groups["key"].Value} = '{match.Groups["value"].Value}' is not {Expected(match.Groups["type"].Value)}";
        if (exception is IOException { InnerException: AddressInUseException } busy)
        {
            var port = PortInMessage().Match(busy.Message) is { Success: true } found ? found.Groups["port"].Value : null;
            var setting = port is null || configuration is null ? null
                : configuration["Smtp:Listen"]?.EndsWith(":" + port, StringComparison.Ordinal) == true ? "Smtp:Listen"
                : configuration["Console:Url"]?.TrimEnd('/').EndsWith(":" + port, StringComparison.Ordinal) == true ? "Console:Url"
                : null;
            var address = PortInMessage().Match(busy.Message) is { Success: true } at ? at.Groups["address"].Value : busy.Message;
            return $"not started: {address} is already in use{(setting is null ? "" : $" ({setting})")}";
        }
        return null;
    }

    static string Expected(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" => "a number",
        "System.Boolean" => "true or false",
        "System.TimeSpan" => "a duration such as 00:05:00 ([d.]hh:mm:ss)",
        _ => $"a {type.Replace("System.", "", StringComparison.Ordinal)}",
    };

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"address (?:\w+://)?(?<address>[^\s:]+:(?<port>\d+))")]
    private static partial Regex PortInMessage();
}
