using System.Globalization;
using System.Text.Json.Nodes;

namespace MailFilter.Bench.LoadGen;

/// <summary>What one phase of a send run observed; safe to update from every worker.</summary>
public sealed class RunStatistics
{
    readonly Lock _lock = new();
    readonly List<double> _latenciesMs = [];
    long _accepted;
    long _temporary;
    long _permanent;
    long _connectionErrors;
    long _unknown;
    long _sessions;

    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>End of DATA sent, reply received: the time between, whatever the reply.</summary>
    public void RecordEndOfData(SmtpReply reply, double latencyMs)
    {
        lock (_lock) _latenciesMs.Add(latencyMs);
        RecordReply(reply);
    }

    /// <summary>A transaction refused before DATA ended (MAIL, RCPT or DATA answered with 4xx/5xx).</summary>
    public void RecordReply(SmtpReply reply)
    {
        switch (reply.Class)
        {
            case 2: Interlocked.Increment(ref _accepted); break;
            case 4: Interlocked.Increment(ref _temporary); break;
            default: Interlocked.Increment(ref _permanent); break;
        }
    }

    /// <summary>The connection failed before the message was sent: the message was not accepted.</summary>
    public void RecordConnectionError() => Interlocked.Increment(ref _connectionErrors);

    /// <summary>The connection failed after end of DATA was sent and before its reply: the sender cannot know.</summary>
    public void RecordUnknown() => Interlocked.Increment(ref _unknown);

    public void RecordSession() => Interlocked.Increment(ref _sessions);

    public JsonObject ToJson(string label, TimeSpan elapsed)
    {
        double[] sorted;
        lock (_lock) sorted = [.. _latenciesMs.Order()];
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        return new JsonObject
        {
            ["label"] = label,
            ["elapsedSeconds"] = Round(elapsed.TotalSeconds),
            ["messagesPerSecond"] = Round(Accepted / seconds),
            ["sessions"] = _sessions,
            ["accepted2xx"] = Accepted,
            ["temporary4xx"] = _temporary,
            ["permanent5xx"] = _permanent,
            ["connectionErrors"] = _connectionErrors,
            ["unknownOutcome"] = _unknown,
            ["latencyMs"] = new JsonObject
            {
                ["count"] = sorted.Length,
                ["p50"] = Round(Percentile(sorted, 0.50)),
                ["p90"] = Round(Percentile(sorted, 0.90)),
                ["p99"] = Round(Percentile(sorted, 0.99)),
                ["max"] = Round(sorted.Length > 0 ? sorted[^1] : 0),
            },
        };
    }

    public static string Summary(JsonObject result)
    {
        var latency = result["latencyMs"]!.AsObject();
        return string.Create(CultureInfo.InvariantCulture,
            $"RESULT label={result["label"]} msgps={result["messagesPerSecond"]} elapsed={result["elapsedSeconds"]}s " +
            $"ok2xx={result["accepted2xx"]} t4xx={result["temporary4xx"]} p5xx={result["permanent5xx"]} " +
            $"connerr={result["connectionErrors"]} unknown={result["unknownOutcome"]} sessions={result["sessions"]} " +
            $"p50={latency["p50"]}ms p90={latency["p90"]}ms p99={latency["p99"]}ms max={latency["max"]}ms");
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least q of the samples at or below it.</summary>
    static double Percentile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    static double Round(double value) => Math.Round(value, 2);
}
