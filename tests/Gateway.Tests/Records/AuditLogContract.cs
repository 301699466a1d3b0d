using System.Text.Json.Nodes;
using MailFilter.Gateway.Records.Audit;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>What every audit log must do: chain entries by hash, list them, and name each break by seq.</summary>
public abstract class AuditLogContract : ArchiveContract
{
    IAuditLog Audit => Backend.Audit;

    async Task AppendFiveAsync()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Audit.AppendAsync(new AuditEvent(i % 2 == 0 ? "clerk:jsmith" : "auditor:mlee", "archive.search", $"target-{i}",
                new JsonObject { ["query"] = $"budget {i}", ["matter"] = "SR-2025-17", ["count"] = i }), None);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task Entries_are_chained_from_the_genesis_hash()
    {
        await AppendFiveAsync();

        var entries = await Audit.ListAsync(new AuditListQuery(), None);

        entries.Select(e => e.Seq).Should().Equal(1, 2, 3, 4, 5);
        entries[0].PreviousHash.Should().Be(AuditChain.GenesisHash);
        for (var i = 1; i < entries.Count; i++)
            entries[i].PreviousHash.Should().Be(entries[i - 1].Hash);
        entries.Should().OnlyContain(e => AuditChain.Hash(e) == e.Hash);
        (await Audit.HeadAsync(None)).Should().Be(new AuditHead(5, entries[^1].Hash));
    }

    [Fact]
    public async Task An_entry_keeps_its_fields_and_canonical_details()
    {
        var entry = await Audit.AppendAsync(new AuditEvent("clerk:jsmith", "archive.export", "SR-2025-17",
            new JsonObject { ["query"] = "budget", ["count"] = 3, ["at"] = new JsonObject { ["z"] = 1, ["a"] = "ü" } }), None);

        var listed = (await Audit.ListAsync(new AuditListQuery(), None)).Single();

        listed.Should().Be(entry);
        listed.At.Should().Be(Clock.Now);
        listed.Details.Should().Be("""{"at":{"a":"ü","z":1},"count":3,"query":"budget"}""");
    }

    [Fact]
    public async Task An_empty_log_has_the_genesis_head_and_an_intact_chain()
    {
        (await Audit.HeadAsync(None)).Should().Be(new AuditHead(0, AuditChain.GenesisHash));
        (await Audit.VerifyChainAsync(null, None)).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task The_list_filters_by_time_and_actor_and_pages()
    {
        await AppendFiveAsync();
        var start = TestRecords.Monday.AddDays(7);

        (await Audit.ListAsync(new AuditListQuery { Since = start.AddMinutes(3) }, None)).Select(e => e.Seq).Should().Equal(4, 5);
        (await Audit.ListAsync(new AuditListQuery { Actor = "clerk:jsmith" }, None)).Select(e => e.Seq).Should().Equal(2, 4);
        (await Audit.ListAsync(new AuditListQuery { Limit = 2, Page = 2 }, None)).Select(e => e.Seq).Should().Equal(3, 4);
    }

    [Fact]
    public async Task An_intact_chain_verifies()
    {
        await AppendFiveAsync();
        var head = await Audit.HeadAsync(None);

        var report = await Audit.VerifyChainAsync(head, None);

        report.IsIntact.Should().BeTrue();
        report.EntriesChecked.Should().Be(5);
        report.Head.Should().Be(head);
    }

    [Fact]
    public async Task An_entry_altered_in_the_database_is_named_by_its_seq()
    {
        await AppendFiveAsync();
        Backend.Dispose();
        await Factory.AlterAuditEntryAsync(Directory.Path, 3, "someone-else");
        Reopen();

        var report = await Audit.VerifyChainAsync(null, None);

        report.Breaks.Should().ContainSingle().Which.Should().Match<AuditChainBreak>(b => b.Seq == 3 && b.Kind == AuditBreakKind.Altered);
    }

    [Fact]
    public async Task An_entry_rewritten_with_a_fresh_hash_breaks_the_next_link()
    {
        await AppendFiveAsync();
        Backend.Dispose();
        await Factory.RewriteAuditEntryAsync(Directory.Path, 2, "covered-up");
        Reopen();

        var report = await Audit.VerifyChainAsync(null, None);

        report.Breaks.Should().ContainSingle().Which.Should().Match<AuditChainBreak>(b => b.Seq == 3 && b.Kind == AuditBreakKind.Relinked);
    }

    [Fact]
    public async Task An_entry_deleted_from_the_database_is_named_by_its_seq()
    {
        await AppendFiveAsync();
        Backend.Dispose();
        await Factory.RemoveAuditEntryAsync(Directory.Path, 2);
        Reopen();

        var report = await Audit.VerifyChainAsync(null, None);

        report.Breaks.Should().ContainSingle().Which.Should().Match<AuditChainBreak>(b => b.Seq == 2 && b.Kind == AuditBreakKind.Removed);
    }

    [Fact]
    public async Task The_first_entry_deleted_is_named_too()
    {
        await AppendFiveAsync();
        Backend.Dispose();
        await Factory.RemoveAuditEntryAsync(Directory.Path, 1);
        Reopen();

        (await Audit.VerifyChainAsync(null, None)).Breaks.Should().ContainSingle().Which.Seq.Should().Be(1);
    }

    [Fact]
    public async Task Entries_cut_off_the_end_are_caught_by_a_head_kept_elsewhere()
    {
        await AppendFiveAsync();
        var head = await Audit.HeadAsync(None);
        Backend.Dispose();
        await Factory.RemoveAuditEntryAsync(Directory.Path, 5);
        Reopen();

        (await Audit.VerifyChainAsync(null, None)).IsIntact.Should().BeTrue("nothing inside the chain shows a cut end");
        var report = await Audit.VerifyChainAsync(head, None);
        report.Breaks.Should().ContainSingle().Which.Should().Match<AuditChainBreak>(b => b.Seq == 5 && b.Kind == AuditBreakKind.Removed);
    }

    [Fact]
    public async Task Appends_from_many_callers_at_once_make_one_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Audit.AppendAsync(new AuditEvent("system:test", "archive.view", $"R{i}"), None))));

        var report = await Audit.VerifyChainAsync(null, None);

        report.IsIntact.Should().BeTrue();
        report.EntriesChecked.Should().Be(40);
    }
}
