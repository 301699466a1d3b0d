using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MailFilter.Classifier;
using MailFilter.Rules;
using MailFilter.Rules.Evaluation;

namespace MailFilter.Gateway.Cli;

/// <summary>Writes a scan verdict as one JSON line (the DESIGN.md shape) or as text a compliance officer reads.</summary>
public static class ScanReport
{
    static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ActionName(PolicyAction action) => action.ToString().ToLowerInvariant();

    public static void WriteJson(TextWriter output, string file, Verdict verdict, HarassmentScore? harassment)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteString("action", ActionName(verdict.Action));
            json.WriteString("direction", verdict.Direction.ToString().ToLowerInvariant());
            json.WriteStartArray("categories");
            foreach (var category in verdict.ActionCategories)
                json.WriteStringValue(category);
            json.WriteEndArray();
            json.WriteStartObject("scores");
            foreach (var category in verdict.Categories)
                json.WriteNumber(category.Category, category.Score);
            json.WriteEndObject();
            json.WriteStartArray("rules");
            foreach (var rule in verdict.Rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Id);
                json.WriteString("category", rule.Category);
                json.WriteNumber("score", rule.Score);
                json.WriteStartArray("evidence");
                foreach (var evidence in rule.Evidence)
                {
                    json.WriteStartObject();
                    json.WriteString("part", evidence.Part);
                    json.WriteString("text", evidence.Text);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (harassment is not null)
                WriteClassifier(json, harassment);
            json.WriteString("rules_version", verdict.RulesVersion);
            if (verdict.IncompleteReasons.Count > 0)
            {
                json.WriteStartArray("incomplete");
                foreach (var reason in verdict.IncompleteReasons)
                    json.WriteStringValue(reason);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    static void WriteClassifier(Utf8JsonWriter json, HarassmentScore harassment)
    {
        json.WriteStartObject("classifier");
        json.WriteNumber("harassment", Math.Round(harassment.Probability, 6));
        json.WriteEndObject();
        json.WriteStartObject("classifier_explanation");
        json.WriteString("model", harassment.ModelVersion);
        json.WriteStartArray("sentences");
        foreach (var sentence in harassment.TopSentences)
        {
            json.WriteStartObject();
            json.WriteString("text", sentence.Text);
            json.WriteNumber("harassment", Math.Round(sentence.Probability, 6));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("terms");
        foreach (var term in harassment.TopTerms)
        {
            json.WriteStartObject();
            json.WriteString("term", term.Term);
            json.WriteNumber("weight", Math.Round(term.Weight, 4));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteText(TextWriter output, string file, Verdict verdict, HarassmentScore? harassment)
    {
        output.WriteLine($"{file}: {verdict.Action.ToString().ToUpperInvariant()} (direction {verdict.Direction.ToString().ToLowerInvariant()}, rules {verdict.RulesVersion})");
        foreach (var category in verdict.Categories.OrderByDescending(c => c.Action).ThenBy(c => c.Category))
        {
            var t = category.Thresholds;
            var exempt = category.ExemptedBy is null ? "" : $", exempted by {category.ExemptedBy}";
            output.WriteLine($"  {category.Category}: score {Number(category.Score)} → {ActionName(category.Action)}"
                             + $" (tag {Number(t.Tag)}, quarantine {Number(t.Quarantine)}, reject {Number(t.Reject)}{exempt})");
            foreach (var rule in verdict.Rules.Where(r => r.Category == category.Category))
            {
                output.WriteLine($"    {rule.Id} {(rule.Score >= 0 ? "+" : "")}{Number(rule.Score)}: {rule.Description}");
                foreach (var policy in rule.Policies)
                    output.WriteLine($"      policy: {policy}");
                foreach (var evidence in rule.Evidence)
                    output.WriteLine($"      matched {evidence}");
            }
        }
        foreach (var reason in verdict.IncompleteReasons)
            output.WriteLine($"  scan incomplete: {reason}");
        if (harassment is null)
            return;
        output.WriteLine($"  classifier: harassment {harassment.Probability.ToString("0.####", CultureInfo.InvariantCulture)} (model {harassment.ModelVersion})");
        foreach (var sentence in harassment.TopSentences)
            output.WriteLine($"    sentence {sentence.Probability.ToString("0.####", CultureInfo.InvariantCulture)}: \"{string.Join(' ', sentence.Text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries))}\"");
        if (harassment.TopTerms.Count > 0)
            output.WriteLine($"    terms: {string.Join(", ", harassment.TopTerms.Select(t => $"{t.Term} {(t.Weight >= 0 ? "+" : "")}{t.Weight.ToString("0.##", CultureInfo.InvariantCulture)}"))}");
        if (verdict.Rules.Count == 0)
            output.WriteLine("  no rule fired");
    }

    static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "never";
}
