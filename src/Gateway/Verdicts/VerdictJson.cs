using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailFilter.Gateway.Verdicts;

/// <summary>
/// The one JSON shape of the verdict and of every document that carries it (queue entries, <c>--json</c> output, the
/// archive, the console's API): camelCase names, enums as lower-case strings, nulls left out, text unescaped.
/// </summary>
public static class VerdictJson
{
    public static readonly JsonSerializerOptions Compact = Create(indented: false);
    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>One line: <c>{"file": …,</c> followed by the verdict's own fields, as <c>scan --json</c> prints it.</summary>
    public static string ScanLine(string file, Verdict verdict)
    {
        var document = JsonSerializer.Serialize(verdict, Compact);
        return $"{{\"file\":{JsonSerializer.Serialize(file, Compact)},{document[1..]}";
    }
}
