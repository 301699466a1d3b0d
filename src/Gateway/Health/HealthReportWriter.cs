using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MailFilter.Gateway.Health;

/// <summary>/healthz as JSON an admin and a monitor both read: the overall status, then each check with its reason and data.</summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var document = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                data = entry.Value.Data.Count == 0 ? null : entry.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(document, Verdicts.VerdictJson.Compact), context.RequestAborted);
    }
}
