using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailFilter.Gateway.Queue;

/// <summary>The one JSON shape of queue files and <c>--json</c> output: camelCase, enums as strings.</summary>
public static class QueueJson
{
    public static readonly JsonSerializerOptions Indented = Create(indented: true);
    public static readonly JsonSerializerOptions Compact = Create(indented: false);

    static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
