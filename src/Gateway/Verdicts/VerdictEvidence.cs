using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailFilter.Gateway.Verdicts;

/// <summary>
/// What a rule matched: the part of the message ("subject", "body (text/plain)", "header List-Id"), the text as the sender
/// wrote it, and, for matches in a text part, where the quote starts in that part's text and how long it is.
/// </summary>
[JsonConverter(typeof(VerdictEvidenceConverter))]
public sealed record VerdictEvidence(string Part, string Text, int? Start = null, int? Length = null)
{
    public override string ToString() => Part.Length == 0 ? $"\"{Text}\"" : $"\"{Text}\" in {Part}";
}

/// <summary>Reads evidence as an object, or as the plain string queue entries written before the contract carried (read as text).</summary>
sealed class VerdictEvidenceConverter : JsonConverter<VerdictEvidence>
{
    public override VerdictEvidence Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return new VerdictEvidence("", reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("evidence must be an object or a string");
        string part = "", text = "";
        int? start = null, length = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "part": part = reader.GetString() ?? ""; break;
                case "text": text = reader.GetString() ?? ""; break;
                case "start": start = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32(); break;
                case "length": length = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }
        return new VerdictEvidence(part, text, start, length);
    }

    public override void Write(Utf8JsonWriter writer, VerdictEvidence value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("part", value.Part);
        writer.WriteString("text", value.Text);
        if (value.Start is { } start)
            writer.WriteNumber("start", start);
        if (value.Length is { } length)
            writer.WriteNumber("length", length);
        writer.WriteEndObject();
    }
}
