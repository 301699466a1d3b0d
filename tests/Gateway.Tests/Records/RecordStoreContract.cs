using MailFilter.Gateway.Records;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>
/// What every records backend must do with records: ingest idempotently in batches, keep every field and the delivery
/// history, survive a reopen, list coverage gaps. A backend runs it by deriving and naming its factory.
/// </summary>
public abstract class RecordStoreContract : ArchiveContract
{
    IRecordStore Records => Backend.Records;

    [Fact]
    public async Task A_new_directory_opens_as_an_empty_archive()
    {
        (await Records.CountAsync(None)).Should().Be(0);
        (await Records.SearchAsync(new ArchiveQuery { Text = "anything" }, None)).Hits.Should().BeEmpty();
        (await Records.GetAsync("NOPE", None)).Should().BeNull();
    }

    [Fact]
    public async Task A_batch_ingested_again_after_a_crash_adds_nothing_twice()
    {
        var batch = new[] { TestRecords.Create("A1"), TestRecords.Create("A2", body: "budget draft"), TestRecords.Create("A3") };

        var first = await Records.AddAsync(batch, None);
        var again = await Records.AddAsync(batch, None);

        first.Added.Should().Equal("A1", "A2", "A3");
        again.Added.Should().BeEmpty();
        again.AlreadyPresent.Should().Equal("A1", "A2", "A3");
        (await Records.CountAsync(None)).Should().Be(3);
        (await Records.SearchAsync(new ArchiveQuery { Text = "budget" }, None)).Hits.Should().ContainSingle();
    }

    [Fact]
    public async Task A_batch_that_names_one_id_twice_keeps_the_first()
    {
        var result = await Records.AddAsync([TestRecords.Create("D1", subject: "first"), TestRecords.Create("D1", subject: "second")], None);

        result.Added.Should().Equal("D1");
        result.AlreadyPresent.Should().Equal("D1");
        (await Records.GetAsync("D1", None))!.Headers.Subject.Should().Be("first");
    }

    [Fact]
    public async Task A_half_ingested_partial_batch_is_completed_by_ingesting_the_whole_batch()
    {
        await Records.AddAsync([TestRecords.Create("P1")], None);

        var result = await Records.AddAsync([TestRecords.Create("P1"), TestRecords.Create("P2")], None);

        result.Added.Should().Equal("P2");
        (await Records.ContainsAsync(["P1", "P2", "P3"], None)).Should().BeEquivalentTo(["P1", "P2"]);
    }

    [Fact]
    public async Task A_record_keeps_every_field_the_verdict_and_its_history()
    {
        var delivered = new DeliveryEvent("bob@example.gov", "delivered", "250 2.0.0 Ok", TestRecords.Monday.AddSeconds(3));
        var record = TestRecords.Create("R1", action: VerdictAction.Quarantine, categories: ["political"], direction: "outbound") with
        {
            Deliveries = [delivered],
            Coverage = [new CoverageGap("body > attachment scan.pdf", "image-only PDF: no text layer")],
        };

        await Records.AddAsync([record], None);
        var stored = await Records.GetAsync("R1", None);

        stored.Should().NotBeNull();
        stored!.Should().BeEquivalentTo(record, options => options.Excluding(r => r.SearchText).Excluding(r => r.Verdict));
        stored.SearchText.Should().Be(ArchiveSearchText.Empty, "the index text is written, not read back");
        stored.Verdict.Should().BeEquivalentTo(record.Verdict);
        stored.Verdict.Rules.Single().Evidence.Single().Start.Should().Be(0);
    }

    [Fact]
    public async Task A_record_survives_reopening_the_store()
    {
        await Records.AddAsync([TestRecords.Create("S1", body: "zoning variance hearing")], None);

        Reopen();

        (await Records.GetAsync("S1", None)).Should().NotBeNull();
        (await Records.SearchAsync(new ArchiveQuery { Text = "variance" }, None)).Hits.Select(h => h.Id).Should().Equal("S1");
    }

    [Fact]
    public async Task Delivery_events_added_later_join_the_history_once()
    {
        await Records.AddAsync([TestRecords.Create("H1")], None);
        var deferred = new RecordDelivery("H1", new DeliveryEvent("bob@example.gov", "deferred", "451 4.3.0 try later", TestRecords.Monday.AddMinutes(1)));
        var delivered = new RecordDelivery("H1", new DeliveryEvent("bob@example.gov", "delivered", "250 2.0.0 Ok", TestRecords.Monday.AddMinutes(6)));

        (await Records.AddDeliveriesAsync([deferred, delivered], None)).Should().Be(2);
        (await Records.AddDeliveriesAsync([deferred, delivered], None)).Should().Be(0);

        (await Records.GetAsync("H1", None))!.Deliveries.Select(d => d.Outcome).Should().Equal("deferred", "delivered");
    }

    [Fact]
    public async Task Delivery_events_for_an_unknown_record_are_refused()
    {
        var act = () => Records.AddDeliveriesAsync([new RecordDelivery("GHOST", new DeliveryEvent("a@b.c", "delivered", "250", TestRecords.Monday))], None);

        await act.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*GHOST*");
    }

    [Fact]
    public async Task A_batch_and_delivery_events_for_its_own_and_earlier_records_are_one_transaction()
    {
        await Records.AddAsync([TestRecords.Create("T0")], None);
        var events = new[]
        {
            new RecordDelivery("T0", new DeliveryEvent("bob@example.gov", "delivered", "250 2.0.0 Ok", TestRecords.Monday.AddMinutes(1))),
            new RecordDelivery("T1", new DeliveryEvent("bob@example.gov", "failed", "550 5.1.1 No such user", TestRecords.Monday.AddMinutes(2))),
        };

        var result = await Records.AddAsync([TestRecords.Create("T0"), TestRecords.Create("T1")], events, None);
        await Records.AddAsync([TestRecords.Create("T1")], events, None);

        result.Added.Should().Equal("T1");
        result.AlreadyPresent.Should().Equal("T0");
        (await Records.GetAsync("T0", None))!.Deliveries.Should().Equal(events[0].Event);
        (await Records.GetAsync("T1", None))!.Deliveries.Should().Equal([events[1].Event], "an event added twice is kept once");
    }

    [Fact]
    public async Task An_event_for_an_unknown_record_fails_the_whole_batch_records_included()
    {
        var act = () => Records.AddAsync([TestRecords.Create("U1")], [new RecordDelivery("GHOST", new DeliveryEvent("a@b.c", "delivered", "250", TestRecords.Monday))], None);

        await act.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*GHOST*");
        (await Records.ContainsAsync(["U1"], None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Records_with_coverage_gaps_are_listed_newest_first()
    {
        await Records.AddAsync(
        [
            TestRecords.Create("C1", TestRecords.Monday) with { Coverage = [new CoverageGap("attachment a.pdf", "encrypted PDF")] },
            TestRecords.Create("C2", TestRecords.Monday.AddHours(1)),
            TestRecords.Create("C3", TestRecords.Monday.AddHours(2)) with { Coverage = [new CoverageGap("attachment b.docx", "over the size limit"), new CoverageGap("body", "decoded text limit")] },
        ], None);

        var listed = await Records.ListCoverageAsync(None).ToListAsync();

        listed.Select(c => c.RecordId).Should().Equal("C3", "C1");
        listed[0].Gaps.Select(g => g.Reason).Should().Equal("over the size limit", "decoded text limit");
    }

    [Fact]
    public async Task A_batch_with_a_bad_record_adds_nothing()
    {
        var act = () => Records.AddAsync([TestRecords.Create("B1"), TestRecords.Create("B2") with { Sha256 = "not-a-hash" }], None);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*B2*");
        (await Records.CountAsync(None)).Should().Be(0);
        (await Records.SearchAsync(new ArchiveQuery { Text = "committee" }, None)).Hits.Should().BeEmpty();
    }

    [Fact]
    public async Task Two_writers_on_one_archive_each_ingest_their_batches()
    {
        using var second = Factory.Open(Directory.Path, Clock);
        var first = Enumerable.Range(0, 200).Select(i => TestRecords.Create($"W1-{i:D3}", TestRecords.Monday.AddSeconds(i))).ToList();
        var other = Enumerable.Range(0, 200).Select(i => TestRecords.Create($"W2-{i:D3}", TestRecords.Monday.AddSeconds(i))).ToList();

        await Task.WhenAll(
            Task.Run(async () => { foreach (var chunk in first.Chunk(20)) await Records.AddAsync(chunk, None); }),
            Task.Run(async () => { foreach (var chunk in other.Chunk(20)) await second.Records.AddAsync(chunk, None); }));

        (await Records.CountAsync(None)).Should().Be(400);
        (await Records.SearchAsync(new ArchiveQuery { Text = "committee", Limit = 1000 }, None)).Hits.Should().HaveCount(400);
    }

    [Fact]
    public async Task Blob_references_come_ordered_by_hash_with_sharing_records_together()
    {
        // Thirty records over ten blobs: the same message received three times each (a copy per delivery, an import).
        var records = Enumerable.Range(0, 30).Select(i => TestRecords.Create($"L{i:D2}") with { Sha256 = TestRecords.Sha256($"message {i % 10}") }).ToList();
        await Records.AddAsync(records, None);

        var references = await Records.ListBlobReferencesAsync(None).ToListAsync();

        references.Should().HaveCount(30);
        references.Select(r => r.Sha256).Should().BeInAscendingOrder(StringComparer.Ordinal);
        references.Should().OnlyContain(r => records.Single(x => x.Id == r.RecordId).Sha256 == r.Sha256);
        references.Select(r => r.Sha256).Distinct().Should().HaveCount(10);
    }
}
