using System.Text;
using MailFilter.Gateway.Filtering;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Smtp;
using MailFilter.Gateway.Tests.Filtering;
using MailFilter.Gateway.Tests.Smtp;
using MailFilter.Gateway.Verdicts;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;

namespace MailFilter.Gateway.Tests.EndToEnd;

/// <summary>
/// Issue 12, scope 1, over real sockets: every message accepted over SMTP — passed, tagged, held — reaches the archive
/// with its verdict and, once delivered, its delivery events; the queue lets an entry go only once it is archived; a
/// rejected message is not archived; an archive fault changes no reply and loses nothing.
/// </summary>
public class ArchiveEndToEndTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    static readonly ScriptedJudge Judge = new((message, _) => Task.FromResult((message.Subject ?? "") switch
    {
        var s when s.Contains("tag-me") => new Verdict { Action = VerdictAction.Tag, Categories = ["profanity"], Rules = [new VerdictRule("profanity.mild", "profanity", 3, "mild language", [], [new VerdictEvidence("body", "darn")])] },
        var s when s.Contains("hold-me") => new Verdict { Action = VerdictAction.Quarantine, Categories = ["political"], Reason = "campaign appeal" },
        var s when s.Contains("refuse-me") => new Verdict { Action = VerdictAction.Reject, Categories = ["chain-letter"], PolicyReference = "AUP 4.2" },
        _ => Verdict.Pass,
    }));

    static Dictionary<string, string?> Via(SmtpTestHost nextHop, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Delivery:NextHop"] = $"127.0.0.1:{nextHop.EndPoint.Port}" };
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }

    /// <summary>A message whose Message-ID is &lt;<paramref name="id"/>@example.com&gt; and whose body holds <paramref name="word"/> and no other rare word.</summary>
    public static byte[] Raw(string id, string subject, string word) => Encoding.UTF8.GetBytes(
        "From: Alice <alice@example.com>\r\n" +
        "To: <bob@example.org>\r\n" +
        $"Subject: {subject}\r\n" +
        $"Message-ID: <{id}@example.com>\r\n" +
        "Date: Mon, 2 Mar 2026 09:00:00 +0000\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "\r\n" +
        $"The council discussed the {word} at length.\r\n");

    static async Task<IReadOnlyList<ArchiveSearchHit>> FindAsync(IRecordStore records, ArchiveQuery query) =>
        (await records.SearchAsync(query, CancellationToken.None)).Hits;

    static async Task<bool> ArchivedAsync(IRecordStore records, string messageId) =>
        (await FindAsync(records, new ArchiveQuery { MessageId = messageId })).Count == 1;

    static async Task<bool> DeliveredInArchiveAsync(IRecordStore records, string queueId) =>
        (await records.GetAsync(queueId, CancellationToken.None))?.Deliveries.Any(d => d.Outcome == "delivered" && d.Recipient == "bob@example.org") == true;

    static bool Empty(string directory) => !Directory.EnumerateFileSystemEntries(directory).Any();

    [Fact]
    public async Task Passed_tagged_and_held_mail_is_archived_with_its_verdict_and_delivery_events_and_rejected_mail_is_not()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop), services => services.AddSingleton<IMessageJudge>(Judge));
        var records = gateway.Services.GetRequiredService<IRecordStore>();
        var ids = new Dictionary<string, string>();
        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
        {
            foreach (var (name, subject, word) in new[] { ("passed", "Minutes", "aardvark"), ("tagged", "tag-me", "bandicoot"), ("held", "hold-me", "capybara") })
                ids[name] = (await client.SendAsync(TestMessages.Parse(Raw(name, subject, word)))).Split(' ').Last();
            var refused = await FluentActions.Awaiting(() => client.SendAsync(TestMessages.Parse(Raw("refused", "refuse-me", "dugong")))).Should().ThrowAsync<SmtpCommandException>();
            ((int)refused.Which.StatusCode).Should().Be(550);
            await client.DisconnectAsync(quit: true);
        }

        (await Eventually.TrueAsync(() => sink.Messages.Count == 2)).Should().BeTrue();
        (await Eventually.TrueAsync(async () => await DeliveredInArchiveAsync(records, ids["passed"]) && await DeliveredInArchiveAsync(records, ids["tagged"]))).Should().BeTrue();
        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("done")))).Should().BeTrue("a delivered entry leaves the queue once its outcome is archived");
        (await Eventually.TrueAsync(() => ArchivedAsync(records, "held@example.com"))).Should().BeTrue();

        foreach (var (name, word, action) in new[] { ("passed", "aardvark", VerdictAction.Pass), ("tagged", "bandicoot", VerdictAction.Tag), ("held", "capybara", VerdictAction.Quarantine) })
        {
            var byId = (await FindAsync(records, new ArchiveQuery { MessageId = $"<{name}@example.com>" })).Should().ContainSingle().Subject;
            byId.Id.Should().Be(ids[name]);
            byId.Action.Should().Be(action);
            (await FindAsync(records, new ArchiveQuery { Text = word })).Should().ContainSingle().Which.Id.Should().Be(ids[name]);
            var blobs = gateway.Services.GetRequiredService<MailFilter.Gateway.Records.Blobs.IMessageBlobStore>();
            await using var stored = await blobs.OpenAsync(byId.Sha256, CancellationToken.None);
            using var bytes = new MemoryStream();
            await stored.CopyToAsync(bytes);
            bytes.ToArray().Should().Equal(Raw(name, name switch { "passed" => "Minutes", "tagged" => "tag-me", _ => "hold-me" }, word), "the archive keeps the bytes exactly as received");
        }
        var tagged = (await records.GetAsync(ids["tagged"], CancellationToken.None))!;
        tagged.Verdict.Rules.Should().ContainSingle().Which.Id.Should().Be("profanity.mild");
        tagged.Envelope.Should().BeEquivalentTo(new ArchiveEnvelope("127.0.0.1", tagged.Envelope.ClientHelo, "alice@example.com", ["bob@example.org"]));
        tagged.Deliveries.Should().ContainSingle().Which.Reply.Should().StartWith("250");
        var held = (await records.GetAsync(ids["held"], CancellationToken.None))!;
        held.Verdict.Reason.Should().Be("campaign appeal");
        held.Deliveries.Should().BeEmpty("held mail is archived from hold, before anything is delivered");
        File.Exists(Path.Combine(gateway.QueueDirectory("hold"), ids["held"])).Should().BeTrue("held mail stays in hold");
        (await FindAsync(records, new ArchiveQuery { MessageId = "refused@example.com" })).Should().BeEmpty();
        (await FindAsync(records, new ArchiveQuery { Text = "dugong" })).Should().BeEmpty("a message rejected at the end of DATA was never accepted");

        // Released and delivered: its delivery is appended to the record, and the entry leaves the queue.
        (await gateway.Services.GetRequiredService<QueueOwner>().ReleaseAsync(ids["held"], "test", CancellationToken.None)).Kind.Should().Be(EntryOutcomeKind.Changed);
        (await Eventually.TrueAsync(() => DeliveredInArchiveAsync(records, ids["held"]))).Should().BeTrue();
        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("done")))).Should().BeTrue();
        (await records.CountAsync(CancellationToken.None)).Should().Be(3);

        using var http = new HttpClient();
        (await http.GetStringAsync(gateway.ConsoleUrl + "/healthz")).Should().Contain("\"archive\":{\"status\":\"Healthy\"");
        (await http.GetStringAsync(gateway.ConsoleUrl + "/metrics")).Should().Contain("mailfilter_archived_messages_total ").And.Contain("mailfilter_archive_batch_seconds_count");
    }

    [Fact]
    public async Task A_bounce_the_gateway_generates_is_archived_and_so_is_the_failure_it_reports()
    {
        var sink = new RecordingReceiver
        {
            Reply = message => message.Envelope.ReversePath.Length == 0 ? SmtpReply.Ok("Ok") : new SmtpReply(550, "5.7.1", "Relaying denied for this sender"),
        };
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop));
        var records = gateway.Services.GetRequiredService<IRecordStore>();

        string id;
        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            id = (await client.SendAsync(TestMessages.Parse(Raw("bounced", "Minutes", "echidna")))).Split(' ').Last();

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        (await Eventually.TrueAsync(async () => (await records.CountAsync(CancellationToken.None)) == 2
            && (await records.GetAsync(id, CancellationToken.None))!.Deliveries.Any(d => d.Outcome == "failed"))).Should().BeTrue();
        var failed = (await records.GetAsync(id, CancellationToken.None))!.Deliveries.Should().ContainSingle().Subject;
        failed.Reply.Should().Contain("Relaying denied");
        var notification = (await FindAsync(records, new ArchiveQuery { To = "alice@example.com" })).Should().ContainSingle(hit => hit.Id != id).Subject;
        (await records.GetAsync(notification.Id, CancellationToken.None))!.Envelope.Sender.Should().BeEmpty("the gateway's notification is from <>");
        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("done")) && Empty(gateway.QueueDirectory("active")))).Should().BeTrue();
    }

    [Fact]
    public async Task An_operator_delete_keeps_the_entry_until_the_archive_has_it_and_records_who_deleted_it()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop), services => services.AddSingleton<IMessageJudge>(Judge));
        var records = gateway.Services.GetRequiredService<IRecordStore>();
        string id;
        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            id = (await client.SendAsync(TestMessages.Parse(Raw("deleted", "hold-me", "fossa")))).Split(' ').Last();

        var deleted = await gateway.Services.GetRequiredService<QueueOwner>().DeleteAsync(id, "clerk@example.gov", CancellationToken.None);

        deleted.Should().Be(new EntryOutcome(id, EntryOutcomeKind.Changed, QueueState.Done, "deleted"));
        (await Eventually.TrueAsync(async () => (await records.GetAsync(id, CancellationToken.None))?.Deliveries.Count == 1)).Should().BeTrue();
        var deletion = (await records.GetAsync(id, CancellationToken.None))!.Deliveries.Single();
        deletion.Should().BeEquivalentTo(new { Recipient = "bob@example.org", Outcome = "deleted", Reply = "deleted by clerk@example.gov" });
        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("done")) && Empty(gateway.QueueDirectory("hold")))).Should().BeTrue();
        sink.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task With_archiving_off_nothing_is_archived_and_finished_entries_leave_the_queue_at_once()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        var leftover = Path.Combine(temp.Path, "queue", "done", QueueId.New(TimeProvider.System));
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        await File.WriteAllTextAsync(leftover, "left by a command line while no gateway ran");
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop, ("Records:Enabled", "false")));

        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            (await client.SendAsync(TestMessages.Parse(Raw("unarchived", "Minutes", "gerbil")))).Should().StartWith("2.0.0 Ok: queued as ");

        (await Eventually.TrueAsync(() => sink.Messages.Count == 1)).Should().BeTrue();
        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("active")))).Should().BeTrue();
        Empty(gateway.QueueDirectory("done")).Should().BeTrue("without archiving a delivered entry is removed at once, and leftovers in done at start");
        gateway.Services.GetService<IRecordStore>().Should().BeNull();
        gateway.Services.GetRequiredService<IQueueArchive>().Should().BeSameAs(DetachedQueueArchive.Off);
        Directory.Exists(Path.Combine(temp.Path, "archive")).Should().BeFalse();
        using var http = new HttpClient();
        (await http.GetStringAsync(gateway.ConsoleUrl + "/healthz")).Should().NotContain("\"archive\"");
    }

    [Fact]
    public async Task An_archive_fault_changes_no_reply_entries_wait_in_the_queue_and_are_archived_once_it_is_fixed()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop, ("Records:ArchiveRetryMaxDelay", "00:00:01")));
        var records = gateway.Services.GetRequiredService<IRecordStore>();
        using var client = await TestMessages.ConnectAsync(gateway.EndPoint);
        var before = (await client.SendAsync(TestMessages.Parse(Raw("before", "Minutes", "hedgehog")))).Split(' ').Last();
        (await Eventually.TrueAsync(async () => await DeliveredInArchiveAsync(records, before) && Empty(gateway.QueueDirectory("done")))).Should().BeTrue();

        // The archive directory replaced by a file: the tests run as root, so permissions would not stop a write.
        var archive = Path.Combine(temp.Path, "archive");
        Directory.Move(archive, archive + ".away");
        await File.WriteAllTextAsync(archive, "not a directory");
        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
            replies.Add(await client.SendAsync(TestMessages.Parse(Raw($"during-{i}", "Minutes", $"ibis{i}"))));

        replies.Should().AllSatisfy(reply => reply.Should().StartWith("2.0.0 Ok: queued as "));
        (await Eventually.TrueAsync(() => sink.Messages.Count == 4)).Should().BeTrue("delivery does not wait for the archive");
        (await Eventually.TrueAsync(() => Directory.GetFiles(gateway.QueueDirectory("done")).Length == 3)).Should().BeTrue("delivered entries wait in done for the archive; " +
            string.Join("; ", new[] { "active", "deferred", "hold", "done" }.Select(state => $"{state}: {Directory.GetFiles(gateway.QueueDirectory(state)).Length}")));
        using var http = new HttpClient();
        (await Eventually.TrueAsync(async () => (await http.GetStringAsync(gateway.ConsoleUrl + "/healthz")).Contains("\"archive\":{\"status\":\"Degraded\""))).Should().BeTrue();

        File.Delete(archive);
        Directory.Move(archive + ".away", archive);

        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("done")))).Should().BeTrue();
        for (var i = 0; i < 3; i++)
        {
            (await FindAsync(records, new ArchiveQuery { MessageId = $"during-{i}@example.com" })).Should().ContainSingle();
            (await DeliveredInArchiveAsync(records, replies[i].Split(' ').Last())).Should().BeTrue();
        }
        (await Eventually.TrueAsync(async () => (await http.GetStringAsync(gateway.ConsoleUrl + "/healthz")).Contains("\"archive\":{\"status\":\"Healthy\""))).Should().BeTrue();
        await client.DisconnectAsync(quit: true);
    }

    [Fact]
    public async Task An_archive_that_cannot_be_opened_at_start_does_not_stop_the_gateway_and_is_caught_up_once_it_can()
    {
        var sink = new RecordingReceiver();
        await using var nextHop = await SmtpTestHost.StartAsync(sink);
        var archive = Path.Combine(temp.Path, "archive");
        await File.WriteAllTextAsync(archive, "not a directory");
        await using var gateway = await GatewayTestHost.StartAsync(temp.Path, Via(nextHop, ("Records:ArchiveRetryMaxDelay", "00:00:01")));

        string id;
        using (var client = await TestMessages.ConnectAsync(gateway.EndPoint))
            id = (await client.SendAsync(TestMessages.Parse(Raw("early", "Minutes", "jackal")))).Split(' ').Last();
        (await Eventually.TrueAsync(() => sink.Messages.Count == 1 && File.Exists(Path.Combine(gateway.QueueDirectory("done"), id)))).Should().BeTrue();

        File.Delete(archive);

        var records = gateway.Services.GetRequiredService<IRecordStore>();
        (await Eventually.TrueAsync(() => Empty(gateway.QueueDirectory("done")))).Should().BeTrue();
        (await DeliveredInArchiveAsync(records, id)).Should().BeTrue();
    }
}
