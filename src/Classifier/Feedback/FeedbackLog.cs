using System.Text.Json;
using System.Text.Json.Serialization;

namespace MailFilter.Classifier.Feedback;

/// <summary>
/// Reviewers' decisions as JSON Lines, one <see cref="ReviewerDecision"/> per line, appended and never rewritten:
/// <c>{"messageId":"…","reviewer":"…","decidedAt":"2026-05-01T09:30:00+00:00","verdict":"confirmedHarassment","text":"…"}</c>.
/// </summary>
public static class FeedbackLog
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task AppendAsync(string path, ReviewerDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Validate(decision, path, 0);
        var line = JsonSerializer.Serialize(decision, Json) + "\n";
        await File.AppendAllTextAsync(path, line, cancellationToken);
    }

    public static List<ReviewerDecision> Read(string path)
    {
        var decisions = new List<ReviewerDecision>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            ReviewerDecision? decision;
            try
            {
                decision = JsonSerializer.Deserialize<ReviewerDecision>(line, Json);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{lineNumber}: not a reviewer decision ({e.Message})", e);
            }
            decisions.Add(Validate(decision, path, lineNumber));
        }
        return decisions;
    }

    static ReviewerDecision Validate(ReviewerDecision? decision, string path, int line)
    {
        var where = $"{Path.GetFileName(path)}:{line}";
        if (decision is null)
            throw new InvalidDataException($"{where}: empty decision");
        if (string.IsNullOrWhiteSpace(decision.MessageId) || string.IsNullOrWhiteSpace(decision.Reviewer))
            throw new InvalidDataException($"{where}: a decision needs a messageId and a reviewer");
        if (decision.DecidedAt == default)
            throw new InvalidDataException($"{where}: a decision needs decidedAt");
        if (!Enum.IsDefined(decision.Verdict) || decision.Text is null)
            throw new InvalidDataException($"{where}: a decision needs a verdict and the text");
        return decision;
    }
}
