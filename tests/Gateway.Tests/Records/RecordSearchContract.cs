using MailFilter.Gateway.Records;
using MailFilter.Gateway.Verdicts;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>What every records backend must find: by each field, by full text in FTS5 syntax, by date, newest first, paged.</summary>
public abstract class RecordSearchContract : ArchiveContract
{
    IRecordStore Records => Backend.Records;

    async Task<IReadOnlyList<string>> FindAsync(ArchiveQuery query) =>
        (await Records.SearchAsync(query, None)).Hits.Select(h => h.Id).ToList();

    async Task AddSampleAsync()
    {
        var t = TestRecords.Monday;
        await Records.AddAsync(
        [
            TestRecords.Create("M1", t.AddHours(1), subject: "Budget draft for review", body: "Please review the annual budget before Friday.",
                from: "alice@example.gov", to: "council@example.gov"),
            TestRecords.Create("M2", t.AddHours(2), subject: "Vote for Smith", body: "Support the Smith campaign at the polls.",
                from: "bob@example.gov", to: "staff@example.gov", action: VerdictAction.Quarantine, categories: ["political"], direction: "internal"),
            TestRecords.Create("M3", t.AddHours(3), subject: "Forward this to ten friends", body: "Good luck will follow the chain of friends.",
                from: "stranger@elsewhere.example", to: "bob@example.gov", action: VerdictAction.Tag, categories: ["chain-letter", "solicitation"], direction: "inbound"),
            TestRecords.Create("M4", t.AddHours(4), subject: "Minutes", body: "Minutes attached.", attachmentText: "The zoning board approved the variance.",
                from: "clerk@example.gov", to: "press@news.example", direction: "outbound"),
            TestRecords.Create("M5", t.AddHours(5), subject: "Budget final", body: "The final budget numbers are attached, draft removed.",
                from: "alice@example.gov", to: "council@example.gov"),
        ], None);
    }

    [Fact]
    public async Task A_body_word_finds_its_message()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "polls" })).Should().Equal("M2");
    }

    [Fact]
    public async Task An_attachment_word_finds_its_message()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "variance" })).Should().Equal("M4");
    }

    [Fact]
    public async Task A_phrase_matches_its_words_in_order_only()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "\"annual budget\"" })).Should().Equal("M1");
        (await FindAsync(new ArchiveQuery { Text = "\"budget annual\"" })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_prefix_finds_every_word_it_starts()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "budg*" })).Should().Equal("M5", "M1");
        (await FindAsync(new ArchiveQuery { Text = "friend*" })).Should().Equal("M3");
    }

    [Fact]
    public async Task NOT_and_OR_combine_words()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "budget NOT final" })).Should().Equal("M1");
        (await FindAsync(new ArchiveQuery { Text = "polls OR variance" })).Should().Equal("M4", "M2");
    }

    [Fact]
    public async Task Words_are_found_case_and_accent_insensitively()
    {
        await Records.AddAsync([TestRecords.Create("E1", body: "Réunion du Conseil municipal")], None);
        (await FindAsync(new ArchiveQuery { Text = "reunion CONSEIL" })).Should().Equal("E1");
    }

    [Fact]
    public async Task A_bare_address_in_the_text_is_searched_as_a_phrase_not_refused()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "stranger@elsewhere.example" })).Should().Equal("M3");
    }

    [Fact]
    public async Task An_unreadable_full_text_query_is_a_query_error()
    {
        await AddSampleAsync();
        var act = () => Records.SearchAsync(new ArchiveQuery { Text = "budget AND (" }, None);
        await act.Should().ThrowAsync<ArchiveQueryException>();
    }

    [Fact]
    public async Task An_unbalanced_quote_is_a_query_error()
    {
        await AddSampleAsync();
        var act = () => Records.SearchAsync(new ArchiveQuery { Text = "\"budget meeting" }, None);
        await act.Should().ThrowAsync<ArchiveQueryException>();
    }

    [Fact]
    public async Task From_matches_the_sender_only()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { From = "alice@example.gov" })).Should().Equal("M5", "M1");
        (await FindAsync(new ArchiveQuery { From = "council@example.gov" })).Should().BeEmpty();
    }

    [Fact]
    public async Task To_matches_header_and_envelope_recipients()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { To = "press@news.example" })).Should().Equal("M4");
        (await FindAsync(new ArchiveQuery { To = "alice@example.gov" })).Should().BeEmpty();
    }

    [Fact]
    public async Task Subject_matches_the_subject_only()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Subject = "minutes" })).Should().Equal("M4");
        (await FindAsync(new ArchiveQuery { Subject = "campaign" })).Should().BeEmpty("the word is in M2's body, not its subject");
    }

    [Fact]
    public async Task Message_id_matches_exactly_with_or_without_brackets()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { MessageId = "M3@example.com" })).Should().Equal("M3");
        (await FindAsync(new ArchiveQuery { MessageId = "<M3@example.com>" })).Should().Equal("M3");
        (await FindAsync(new ArchiveQuery { MessageId = "M3@example" })).Should().BeEmpty();
    }

    [Fact]
    public async Task Category_action_and_direction_filter()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Category = "solicitation" })).Should().Equal("M3");
        (await FindAsync(new ArchiveQuery { Action = VerdictAction.Quarantine })).Should().Equal("M2");
        (await FindAsync(new ArchiveQuery { Direction = "outbound" })).Should().Equal("M4");
        (await FindAsync(new ArchiveQuery { Direction = "internal", Action = VerdictAction.Pass })).Should().Equal("M5", "M1");
    }

    [Fact]
    public async Task Fields_and_words_combine()
    {
        await AddSampleAsync();
        (await FindAsync(new ArchiveQuery { Text = "budget", From = "alice@example.gov", Since = TestRecords.Monday.AddHours(4) })).Should().Equal("M5");
        (await FindAsync(new ArchiveQuery { Text = "friends", Category = "chain-letter", Action = VerdictAction.Tag })).Should().Equal("M3");
        (await FindAsync(new ArchiveQuery { Text = "friends", Category = "political" })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_date_range_includes_since_and_excludes_until()
    {
        await AddSampleAsync();
        var t = TestRecords.Monday;
        (await FindAsync(new ArchiveQuery { Since = t.AddHours(2), Until = t.AddHours(4) })).Should().Equal("M3", "M2");
        (await FindAsync(new ArchiveQuery { Text = "budget", Until = t.AddHours(5) })).Should().Equal("M1");
        (await FindAsync(new ArchiveQuery { Category = "political", Since = t.AddHours(3) })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_hit_carries_what_a_listing_shows()
    {
        await AddSampleAsync();
        var hit = (await Records.SearchAsync(new ArchiveQuery { MessageId = "M3@example.com" }, None)).Hits.Single();

        hit.Should().BeEquivalentTo(new ArchiveSearchHit("M3", "M3@example.com", TestRecords.Monday.AddHours(3), "\"Sender\" <stranger@elsewhere.example>",
            ["bob@example.gov"], "Forward this to ten friends", VerdictAction.Tag, ["chain-letter", "solicitation"], "inbound",
            TestRecords.Create("M3", subject: "Forward this to ten friends", body: "Good luck will follow the chain of friends.").SizeBytes,
            TestRecords.Sha256(TestRecords.Message("M3", "Forward this to ten friends", "Good luck will follow the chain of friends."))));
    }

    [Fact]
    public async Task Pages_come_newest_first_whatever_the_order_of_ingest()
    {
        var random = new Random(12);
        var records = Enumerable.Range(0, 25)
            .Select(i => TestRecords.Create($"N{i:D2}", TestRecords.Monday.AddMinutes(i), body: $"agenda item {i}"))
            .OrderBy(_ => random.Next()).ToList();
        await Records.AddAsync(records.Take(10).ToList(), None);
        await Records.AddAsync(records.Skip(10).ToList(), None);

        foreach (var text in new[] { "agenda", null })
        {
            var pages = new List<ArchiveSearchPage>();
            for (var page = 1; page <= 3; page++)
                pages.Add(await Records.SearchAsync(new ArchiveQuery { Text = text, Limit = 10, Page = page }, None));

            pages.SelectMany(p => p.Hits).Select(h => h.Id).Should().Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"N{i:D2}"));
            pages.Select(p => p.HasMore).Should().Equal(true, true, false);
            pages[2].Hits.Should().HaveCount(5);
        }
    }

    [Fact]
    public async Task Messages_received_in_the_same_millisecond_are_all_kept_and_found()
    {
        var records = Enumerable.Range(0, 5).Select(i => TestRecords.Create($"Q{i}", TestRecords.Monday, body: "same instant")).ToList();
        await Records.AddAsync(records, None);

        (await FindAsync(new ArchiveQuery { Text = "instant" })).Should().HaveCount(5).And.OnlyHaveUniqueItems();
        (await FindAsync(new ArchiveQuery { Since = TestRecords.Monday, Until = TestRecords.Monday.AddMilliseconds(1) })).Should().HaveCount(5);
    }

    [Fact]
    public async Task Imported_mail_older_than_the_gateway_sorts_by_its_own_date()
    {
        await Records.AddAsync([TestRecords.Create("NEW", TestRecords.Monday, body: "memo")], None);
        await Records.AddAsync([TestRecords.Create("OLD", new DateTimeOffset(2009, 5, 1, 0, 0, 0, TimeSpan.Zero), body: "memo")], None);

        (await FindAsync(new ArchiveQuery { Text = "memo" })).Should().Equal("NEW", "OLD");
    }
}
