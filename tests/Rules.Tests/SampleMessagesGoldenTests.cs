using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Language;

namespace MailFilter.Rules.Tests;

/// <summary>
/// Every message in samples/eml is named <c>category.action.what-it-shows.eml</c>: the action the shipped rules
/// must take, and the category that must earn it (for <c>pass</c>, the category whose hard negative it is).
/// </summary>
public class SampleMessagesGoldenTests
{
    static readonly RuleSet Rules = RuleSetLoader.Load(RepositoryPaths.Rules, localDomains: [RuleSet.ExampleDomain]).RuleSet!;

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.eml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    static MailFilter.Rules.Facts.MessageFacts Facts(string name)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Samples, name));
        return new MessageScanner(Rules).Scan(stream, null).Facts;
    }

    static Verdict Scan(string name)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Samples, name));
        return new MessageScanner(Rules).Scan(stream, null).Verdict;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_gets_the_verdict_its_name_states(string name)
    {
        var parts = name.Split('.');
        var category = parts[0];
        var expected = Enum.Parse<PolicyAction>(parts[1], ignoreCase: true);
        var verdict = Scan(name);
        var why = string.Join("; ", verdict.Rules.Select(r => $"{r.Id} {r.Score} [{string.Join(", ", r.Evidence)}]"));

        verdict.Action.Should().Be(expected, why);
        if (expected == PolicyAction.Pass)
            verdict.ActionCategories.Should().BeEmpty(why);
        else
            verdict.Categories.Single(c => c.Category == category).Action.Should().Be(expected, why);
    }

    [Fact]
    public void There_are_at_least_three_violations_and_two_hard_negatives_per_category_and_clean_mail()
    {
        var names = Directory.EnumerateFiles(RepositoryPaths.Samples, "*.eml").Select(Path.GetFileName).OfType<string>().ToList();
        foreach (var category in new[] { "mass_mailing", "solicitation", "chain_letter", "profanity", "political" })
        {
            names.Count(n => n.StartsWith(category + ".") && !n.Contains(".pass.")).Should().BeGreaterThanOrEqualTo(3, category);
            names.Count(n => n.StartsWith(category + ".pass.")).Should().BeGreaterThanOrEqualTo(2, category);
        }
        names.Should().Contain(n => n.StartsWith("clean.pass."));
    }

    [Fact]
    public void Samples_are_byte_exact_with_CRLF_line_endings()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.eml"))
        {
            var bytes = File.ReadAllBytes(file);
            for (var i = 0; i < bytes.Length; i++)
                if (bytes[i] == (byte)'\n')
                    (i > 0 && bytes[i - 1] == (byte)'\r').Should().BeTrue($"{Path.GetFileName(file)} has a bare LF at byte {i}");
        }
    }

    [Fact]
    public void Evidence_quotes_what_the_sender_wrote_and_where()
    {
        var evasive = Scan("profanity.quarantine.staff-evasive-swearing.eml").Rules.Single(r => r.Id == "PROFANITY_STRONG");
        evasive.Evidence.Select(e => e.Text).Should().Contain(["f.u.c.k.i.n.g", "sh1t"]);
        evasive.Evidence.Should().OnlyContain(e => e.Part == "body (text/plain)");

        var hidden = Scan("profanity.quarantine.zero-width-in-html.eml").Rules.Single(r => r.Id == "PROFANITY_STRONG");
        hidden.Evidence.Single().Should().BeEquivalentTo(new { Part = "body (text/html)", Text = "f\u200Bucking", Length = 8 });
        var html = Facts("profanity.quarantine.zero-width-in-html.eml").Texts.Single(t => t.Label == "body (text/html)").Text;
        html.Substring(hidden.Evidence.Single().Start!.Value, 8).Should().Be("f\u200Bucking", "the offsets locate the quote in the part's text");

        var attached = Scan("chain_letter.quarantine.forwarded-as-attachment.eml");
        attached.Rules.SelectMany(r => r.Evidence).Should().Contain(e => e.Part == "body > attached message (text/plain)");
    }

    [Fact]
    public void The_administrators_all_staff_notice_is_exempted_not_ignored()
    {
        var verdict = Scan("mass_mailing.pass.administrator-all-staff-notice.eml");
        var category = verdict.Categories.Single(c => c.Category == "mass_mailing");
        category.ExemptedBy.Should().Be("CITY_ADMINISTRATOR_ALL_STAFF");
        category.Score.Should().BeGreaterThanOrEqualTo(category.Thresholds.Quarantine!.Value);
    }
}
