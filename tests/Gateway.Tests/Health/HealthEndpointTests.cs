using System.Net;
using System.Text.Json;
using MailFilter.Gateway.Tests.EndToEnd;

namespace MailFilter.Gateway.Tests.Health;

/// <summary>/healthz tells the truth: policy and model versions, a queue that cannot be written, a next hop that is down.</summary>
public class HealthEndpointTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    async Task<(HttpStatusCode Status, JsonElement Report)> HealthAsync(GatewayTestHost gateway)
    {
        using var response = await http.GetAsync(gateway.ConsoleUrl + "/healthz");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_healthy_gateway_reports_its_rules_and_model_versions()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path);

        var (status, report) = await HealthAsync(gateway);

        status.Should().Be(HttpStatusCode.OK);
        report.GetProperty("status").GetString().Should().Be("Healthy");
        var policy = report.GetProperty("checks").GetProperty("policy");
        policy.GetProperty("data").GetProperty("rulesVersion").GetString().Should().MatchRegex("^[0-9a-f]{12}$");
        policy.GetProperty("data").GetProperty("harassment").GetString().Should().StartWith("harassment-");
        report.GetProperty("checks").GetProperty("queue").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public async Task A_queue_that_cannot_be_written_is_unhealthy()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path);
        var incoming = gateway.QueueDirectory("incoming");
        Directory.Delete(incoming);
        await File.WriteAllTextAsync(incoming, "not a directory"); // root ignores permissions; a file in its place cannot be written into

        var (status, report) = await HealthAsync(gateway);

        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        report.GetProperty("checks").GetProperty("queue").GetProperty("description").GetString().Should().Contain("cannot be written");
    }

    [Fact]
    public async Task An_unreachable_next_hop_is_degraded_not_unhealthy()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path,
            new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{GatewayProcess.FreePort()}" });

        var (status, report) = await HealthAsync(gateway);

        status.Should().Be(HttpStatusCode.OK);
        report.GetProperty("status").GetString().Should().Be("Degraded");
        report.GetProperty("checks").GetProperty("nextHop").GetProperty("description").GetString().Should().Contain("unreachable");
    }

    [Fact]
    public async Task Healthz_answers_get_only()
    {
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path);

        using var post = await http.PostAsync(gateway.ConsoleUrl + "/healthz", new StringContent(""));

        post.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }
}
