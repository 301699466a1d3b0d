using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MailFilter.Gateway.Records.Audit;

/// <summary>
/// The chain's arithmetic, the same for every backend: <c>hash = hex(SHA-256(previousHash + "\n" + canonical))</c>, where
/// <c>canonical</c> is the JSON array <c>[seq, at, actor, action, target, details]</c> — at as
/// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, details as canonical JSON (object keys sorted by ordinal, no whitespace) — written
/// without escaping beyond what JSON requires. A backend that stores details as parsed JSON re-canonicalises to check.
/// </summary>
public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Hash(string previousHash, long seq, DateTimeOffset at, string actor, string action, string target, string details)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes(previousHash + "\n"));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(seq);
            writer.WriteStringValue(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteStringValue(actor);
            writer.WriteStringValue(action);
            writer.WriteStringValue(target);
            writer.WriteStringValue(details);
            writer.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    public static string Hash(AuditEntry entry) =>
        Hash(entry.PreviousHash, entry.Seq, entry.At, entry.Actor, entry.Action, entry.Target, entry.Details);

    /// <summary>Details as canonical JSON: keys sorted by ordinal at every level, no whitespace; null is <c>{}</c>.</summary>
    public static string Canonicalize(JsonNode? details)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, details ?? new JsonObject());
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>A time as the chain keeps it: UTC, to the millisecond.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
