using System.Text.Json;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Queue;

/// <summary>The JSON shape of queue files and <c>queue --json</c> output: the verdict's (<see cref="VerdictJson"/>).</summary>
public static class QueueJson
{
    public static readonly JsonSerializerOptions Indented = VerdictJson.Indented;
    public static readonly JsonSerializerOptions Compact = VerdictJson.Compact;
}
