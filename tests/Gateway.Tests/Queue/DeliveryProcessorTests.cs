using System.Text;
using MailFilter.Gateway.Verdicts;
using MailFilter.Gateway.Queue;
using MailFilter.Gateway.Queue.Delivery;
using MimeKit;

namespace MailFilter.Gateway.Tests.Queue;

public class DeliveryProcessorTests : IDisposable
{
    readonly TempDirectory temp = new();
    readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    readonly MessageQueue queue;
    readonly ScriptedTransport transport = new();
    readonly DeliveryScheduler scheduler = new();
    readonly DeferredSchedule deferred = new();
    readonly DeliveryProcessor processor;

    public DeliveryProcessorTests()
    {
        queue = new MessageQueue(Path.Combine(temp.Path, "queue"), new DurableFileSystem(), time);
        processor = DeliveryHarness.Processor(queue, transport, scheduler, deferred, time);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_delivered_entry_leaves_the_queue_and_the_next_hop_gets_trace_headers_then_the_bytes_as_received()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        queue.TryFind(envelope.Id, out _).Should().BeFalse();
        var sent = Encoding.ASCII.GetString(transport.Sent.Single().Bytes);
        sent.Should().StartWith("Received: from client.example.net ([192.0.2.7])\r\n\tby gw.example.org (MailFilter) with ESMTP id " + envelope.Id);
        sent.Should().Contain($"X-MailFilter-Queue-Id: {envelope.Id}\r\nX-MailFilter-Verdict: pass\r\n");
        sent.Should().EndWith("\r\n" + QueueTestData.Message);
        sent[..sent.IndexOf("From: alice", StringComparison.Ordinal)].Should().NotContain("\r\n\r\n");
    }

    [Fact]
    public async Task Partial_acceptance_keeps_only_the_refused_recipient_pending_and_defers_by_the_schedule()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow(), recipients: ["one@example.org", "two@example.org"]);
        transport.Answer = address => address.StartsWith("two")
            ? new(address, RecipientOutcome.Transient, "452 4.2.2 Mailbox full", "next.example")
            : new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        var stored = queue.ReadEnvelope(QueueState.Deferred, envelope.Id);
        stored.Recipients.Select(r => (r.Address, r.Status)).Should().Equal(("one@example.org", RecipientStatus.Delivered), ("two@example.org", RecipientStatus.Pending));
        stored.Recipients[1].LastReply.Should().Be("452 4.2.2 Mailbox full");
        stored.Attempts.Should().Be(1);
        stored.NextAttemptAt.Should().Be(time.GetUtcNow().AddMinutes(1));

        // Second attempt, due after the first retry delay: only the pending recipient is tried.
        deferred.TakeDue(time.GetUtcNow()).Should().BeEmpty();
        time.Advance(TimeSpan.FromMinutes(1));
        deferred.TakeDue(time.GetUtcNow()).Should().Equal(envelope.Id);
        queue.Move(envelope.Id, QueueState.Deferred, QueueState.Active);
        transport.Answer = address => new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");
        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        transport.Sent[1].Recipients.Should().Equal("two@example.org");
        queue.TryFind(envelope.Id, out _).Should().BeFalse();
    }

    [Fact]
    public async Task Retries_follow_the_schedule_and_its_last_delay_repeats()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        transport.Answer = address => new(address, RecipientOutcome.Transient, "421 4.4.2 Connection lost", "next.example");
        var waits = new List<TimeSpan>();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            await processor.ProcessAsync(envelope.Id, CancellationToken.None);
            var stored = queue.ReadEnvelope(QueueState.Deferred, envelope.Id);
            waits.Add(stored.NextAttemptAt!.Value - time.GetUtcNow());
            time.Advance(waits[^1]);
            queue.Move(envelope.Id, QueueState.Deferred, QueueState.Active);
        }

        waits.Should().Equal(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_permanent_refusal_bounces_an_RFC_3464_report_to_the_sender_through_the_queue()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow(), recipients: ["gone@example.org", "ok@example.org"]);
        transport.Answer = address => address.StartsWith("gone")
            ? new(address, RecipientOutcome.Permanent, "550 5.1.1 No such user", "next.example")
            : new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        queue.TryFind(envelope.Id, out _).Should().BeFalse();
        var bounceId = queue.List(QueueState.Active).Single();
        scheduler.Ready.TryRead(out var scheduled).Should().BeTrue();
        scheduled.Should().Be(bounceId);
        var bounceEnvelope = queue.ReadEnvelope(QueueState.Active, bounceId);
        bounceEnvelope.Sender.Should().BeEmpty("a bounce has the null reverse-path");
        bounceEnvelope.Recipients.Single().Address.Should().Be("alice@example.net");
        bounceEnvelope.IsBounce.Should().BeTrue();

        using var stored = queue.Read(QueueState.Active, bounceId).Message.Open();
        using var dsn = MimeMessage.Load(stored);
        var report = dsn.Body.Should().BeOfType<MultipartReport>().Subject;
        report.ReportType.Should().Be("delivery-status");
        report[0].Should().BeOfType<TextPart>().Which.Text.Should().Contain("<gone@example.org>: 550 5.1.1 No such user");
        var status = report[1].Should().BeOfType<MessageDeliveryStatus>().Subject;
        status.StatusGroups[0]!["Reporting-MTA"].Should().Be("dns; gw.example.org");
        status.StatusGroups.Where(group => group.Count > 0).Should().HaveCount(2, "one per-message group and one group for the one failed recipient");
        status.StatusGroups[1]["Final-Recipient"].Should().Be("rfc822; gone@example.org");
        status.StatusGroups[1]["Action"].Should().Be("failed");
        status.StatusGroups[1]["Status"].Should().Be("5.1.1");
        status.StatusGroups[1]["Diagnostic-Code"].Should().Be("smtp; 550 5.1.1 No such user");
        report[2].ContentType.MimeType.Should().Be("text/rfc822-headers");
        var attached = report[2].Should().BeOfType<TextRfc822Headers>().Subject;
        attached.Message!.Subject.Should().Be("Budget meeting");
    }

    [Fact]
    public async Task A_non_delivery_notification_that_cannot_be_queued_is_owed_and_queued_by_the_next_attempt()
    {
        var fileSystem = new ScriptedFileSystem();
        var faultyQueue = new MessageQueue(Path.Combine(temp.Path, "faulty"), fileSystem, time);
        var faultyProcessor = DeliveryHarness.Processor(faultyQueue, transport, scheduler, deferred, time);
        var envelope = await QueueTestData.AddEntryAsync(faultyQueue, QueueState.Active, time.GetUtcNow(), recipients: ["gone@example.org", "ok@example.org"]);
        transport.Answer = address => address.StartsWith("gone")
            ? new(address, RecipientOutcome.Permanent, "550 5.1.1 No such user", "next.example")
            : new(address, RecipientOutcome.Delivered, "250 2.0.0 Ok", "next.example");
        fileSystem.FailNextFileSyncs = 1; // the bounce's commit

        await faultyProcessor.ProcessAsync(envelope.Id, CancellationToken.None);

        var waiting = faultyQueue.ReadEnvelope(QueueState.Deferred, envelope.Id);
        waiting.Recipients.Single(r => r.Address == "gone@example.org").BounceOwed.Should().BeTrue();
        faultyQueue.List(QueueState.Active).Should().BeEmpty("no notification was queued");

        time.Advance(TimeSpan.FromHours(1));
        faultyQueue.Move(envelope.Id, QueueState.Deferred, QueueState.Active);
        await faultyProcessor.ProcessAsync(envelope.Id, CancellationToken.None);

        faultyQueue.TryFind(envelope.Id, out _).Should().BeFalse("the owed notification is queued and the entry is done");
        var bounce = faultyQueue.ReadEnvelope(QueueState.Active, faultyQueue.List(QueueState.Active).Single());
        bounce.IsBounce.Should().BeTrue();
        transport.Sent.Count(sent => sent.Recipients.Contains("ok@example.org")).Should().Be(1, "the delivered recipient is not sent to again");
    }

    [Fact]
    public async Task A_bounce_that_cannot_be_delivered_is_never_bounced_again()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow(), sender: "");
        transport.Answer = address => new(address, RecipientOutcome.Permanent, "550 5.1.1 No such user", "next.example");

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        queue.List(QueueState.Active).Should().BeEmpty();
        queue.List(QueueState.Deferred).Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_past_its_maximum_lifetime_is_returned_to_its_sender()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        transport.Answer = address => new(address, RecipientOutcome.Transient, "451 4.4.1 Cannot connect", null);
        time.Advance(TimeSpan.FromDays(5));

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        queue.TryFind(envelope.Id, out _).Should().BeFalse();
        var bounceId = queue.List(QueueState.Active).Single();
        using var stored = queue.Read(QueueState.Active, bounceId).Message.Open();
        using var dsn = MimeMessage.Load(stored);
        var status = ((MultipartReport)dsn.Body!).OfType<MessageDeliveryStatus>().Single();
        status.StatusGroups[1]["Status"].Should().Be("5.4.7");
    }

    [Fact]
    public async Task A_tagged_message_goes_out_with_the_subject_prefix_and_the_categories_and_rules()
    {
        var entry = queue.CreateIncoming();
        entry.Message.Write(Encoding.ASCII.GetBytes(QueueTestData.Message));
        var verdict = new Verdict
        {
            Action = VerdictAction.Tag, Categories = ["profanity"],
            Rules = [new VerdictRule("profanity.strong", "profanity", 5, "strong language", [], [new VerdictEvidence("body", "darn")])],
        };
        var envelope = new QueueEnvelope { Id = entry.Id, ArrivedAt = time.GetUtcNow(), Sender = "alice@example.net", Recipients = [new QueueRecipient { Address = "bob@example.org" }] };
        await queue.CommitAsync(entry, envelope, verdict, QueueState.Active);

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        var sent = Encoding.ASCII.GetString(transport.Sent.Single().Bytes);
        sent.Should().Contain("X-MailFilter-Verdict: tag\r\nX-MailFilter-Categories: profanity\r\nX-MailFilter-Rules: profanity.strong=5\r\n");
        sent.Should().Contain("\r\nSubject: [POLICY: profanity] Budget meeting\r\n");
        sent.Should().EndWith("\r\n\r\nSee you at 10.\r\n.leading dot stays\r\n");
    }

    [Fact]
    public async Task An_unreadable_entry_goes_to_corrupt_with_nothing_lost()
    {
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow());
        QueueTestData.BreakEnvelope(queue, QueueState.Active, envelope.Id, "[");

        await processor.ProcessAsync(envelope.Id, CancellationToken.None);

        File.ReadAllText(queue.EntryPath(QueueState.Corrupt, envelope.Id), Encoding.Latin1).Should().StartWith(QueueTestData.Message + "[");
        transport.Sent.Should().BeEmpty();
    }

    [Fact]
    public async Task Recipients_are_grouped_by_route_one_transaction_per_next_hop()
    {
        var delivery = DeliveryHarness.DeliveryOptions();
        delivery.Routes["example.com"] = "mx.example.com:2525";
        delivery.Routes[".sub.example.org"] = "inner.example.org:25";
        var routed = DeliveryHarness.Processor(queue, transport, scheduler, deferred, time, deliveryOptions: delivery);
        var envelope = await QueueTestData.AddEntryAsync(queue, QueueState.Active, time.GetUtcNow(), recipients: ["a@example.com", "b@example.org", "c@EXAMPLE.com", "d@x.sub.example.org"]);

        await routed.ProcessAsync(envelope.Id, CancellationToken.None);

        transport.Sent.Select(s => (s.Route.ToString(), string.Join(",", s.Recipients))).Should().BeEquivalentTo(new[]
        {
            ("mx.example.com:2525", "a@example.com,c@EXAMPLE.com"),
            ("next.example:25", "b@example.org"),
            ("inner.example.org:25", "d@x.sub.example.org"),
        });
    }
}
