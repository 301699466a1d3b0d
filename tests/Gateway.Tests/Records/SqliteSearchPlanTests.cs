using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Sqlite;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>
/// The searches read in newest-first order and stop at the page: no plan sorts the matches (mail-archiver's issue #445,
/// full text + ORDER BY date + LIMIT, took 22 s on 250k messages because it sorted every match).
/// </summary>
public sealed class SqliteSearchPlanTests : IDisposable
{
    readonly RecordsTempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    async Task<string> PlanAsync(ArchiveQuery query)
    {
        using var database = new SqliteArchiveDatabase(ArchiveLayout.DatabasePath(directory.Path));
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = SqliteRecordSearch.Build(connection, query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using var row = await command.ExecuteReaderAsync();
        while (await row.ReadAsync())
            plan.Add(row.GetString(3));
        return string.Join(" | ", plan);
    }

    public static TheoryData<string, ArchiveQuery> Queries => new()
    {
        { "words", new ArchiveQuery { Text = "budget" } },
        { "words and a date range", new ArchiveQuery { Text = "budget", Since = TestRecords.Monday, Until = TestRecords.Monday.AddDays(30) } },
        { "words and fields", new ArchiveQuery { Text = "budget", From = "alice", Action = VerdictAction.Pass, Category = "political" } },
        { "nothing", new ArchiveQuery() },
        { "a date range", new ArchiveQuery { Since = TestRecords.Monday } },
        { "a category", new ArchiveQuery { Category = "political" } },
        { "an action", new ArchiveQuery { Action = VerdictAction.Quarantine } },
        { "a direction", new ArchiveQuery { Direction = "outbound" } },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task No_search_sorts_its_matches(string name, ArchiveQuery query)
    {
        var plan = await PlanAsync(query);

        plan.Should().NotContain("TEMP B-TREE", $"a search by {name} must read in key order: {plan}");
    }

    [Fact]
    public async Task A_full_text_search_is_driven_by_the_index()
    {
        var plan = await PlanAsync(new ArchiveQuery { Text = "budget", Action = VerdictAction.Pass });

        plan.Should().StartWith("SCAN records_text VIRTUAL TABLE");
    }
}
