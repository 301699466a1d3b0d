using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Facts;
using MailFilter.Rules.Language;
using MailFilter.Rules.MassMailing;

namespace MailFilter.Rules.Tests;

public class SimilarContentTests
{
    const string Body = "Dear neighbour, our family bakery on Main Street is having its grand opening this Saturday with free samples, live music and a raffle for the kids. Bring your friends and family!";

    static MessageFacts From(string sender, string recipient, string body) => new()
    {
        MailFrom = sender,
        FromAddress = sender,
        Recipients = [recipient],
        HeaderRecipients = [recipient],
        Direction = MessageDirection.Internal,
        Texts = [new TextSource(TextKind.Body, "body (text/plain)", body)],
    };

    [Fact]
    public void Near_identical_bodies_have_close_fingerprints_and_different_bodies_do_not()
    {
        var a = Fingerprint("Hi Ann, " + Body);
        var b = Fingerprint("Hi Bob, " + Body);
        var other = Fingerprint("The council meeting minutes for October are attached; please review the zoning items before the work session on Thursday afternoon at four.");
        a.IsSimilarTo(b).Should().BeTrue();
        a.IsSimilarTo(other).Should().BeFalse();
    }

    static ContentFingerprint Fingerprint(string body) => ContentFingerprint.Compute(From("a@city.example", "b@city.example", body))!;

    [Fact]
    public void Short_bodies_are_not_fingerprinted()
    {
        ContentFingerprint.Compute(From("a@city.example", "b@city.example", "Thanks, see you then.")).Should().BeNull();
    }

    [Fact]
    public void The_counter_counts_distinct_recipients_within_the_window_only()
    {
        var counter = new InMemorySimilarContentCounter(TimeSpan.FromHours(1));
        var start = DateTimeOffset.Parse("2026-11-25T08:00:00Z");
        var bakery = Fingerprint(Body);
        var minutes = Fingerprint("The council meeting minutes for October are attached; please review the zoning items before the work session on Thursday afternoon at four.");
        counter.Observe("a@city.example", bakery, ["x@city.example", "y@city.example"], start).Should().Be(2);
        counter.Observe("a@city.example", bakery, ["y@city.example", "z@city.example"], start.AddMinutes(10)).Should().Be(3);
        counter.Observe("a@city.example", minutes, ["v@city.example"], start.AddMinutes(11)).Should().Be(1);
        counter.Observe("b@city.example", bakery, ["q@city.example"], start.AddMinutes(12)).Should().Be(1);
        counter.Observe("a@city.example", bakery, ["w@city.example"], start.AddMinutes(65)).Should().Be(3, "the first copy (x, y) left the window; y, z and w remain");
    }

    [Fact]
    public void One_sender_mailing_the_same_text_to_many_people_one_by_one_is_mass_mailing()
    {
        var rules = RuleSetLoader.Load(RepositoryPaths.Rules, localDomains: [RuleSet.ExampleDomain]).RuleSet!;
        var time = new ManualTimeProvider(DateTimeOffset.Parse("2026-11-25T08:00:00Z"));
        var engine = new RuleEngine(new InMemorySimilarContentCounter(TimeSpan.FromHours(1)), time);
        Verdict? last = null;
        for (var i = 0; i < 60; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            last = engine.Evaluate(From("baker@city.example", $"person{i}@city.example", $"Hi person {i}, " + Body), rules);
        }
        last!.Rules.Select(r => r.Id).Should().Contain(["MASS_MAILING_SAME_CONTENT_REPEATED", "MASS_MAILING_BY_STAFF"]);
        last.Categories.Single(c => c.Category == "mass_mailing").Action.Should().Be(PolicyAction.Quarantine);
    }
}
