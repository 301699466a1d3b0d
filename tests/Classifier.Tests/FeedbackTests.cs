using MailFilter.Classifier.Corpus;
using MailFilter.Classifier.Feedback;
using MailFilter.Classifier.Training;

namespace MailFilter.Classifier.Tests;

public class FeedbackTests
{
    static readonly DateTimeOffset When = new(2026, 5, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Decisions_round_trip_with_their_provenance()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "feedback.jsonl");
        var released = new ReviewerDecision("<a@x.org>", "officer.jones", When, ReviewVerdict.ReleasedAsNotHarassment, "Caller threatened to kill her neighbor.", "harassment-1+abc", 0.93);
        var confirmed = new ReviewerDecision("<b@x.org>", "officer.lee", When.AddMinutes(5), ReviewVerdict.ConfirmedHarassment, "You are a pathetic clown.");

        await FeedbackLog.AppendAsync(path, released, CancellationToken.None);
        await FeedbackLog.AppendAsync(path, confirmed, CancellationToken.None);

        FeedbackLog.Read(path).Should().Equal(released, confirmed);
        File.ReadAllLines(path).Should().HaveCount(2).And.AllSatisfy(l => l.Should().StartWith("{\"messageId\""));
    }

    [Fact]
    public void A_released_message_is_a_negative_example_and_a_confirmed_one_a_positive()
    {
        var released = new ReviewerDecision("<a@x.org>", "jones", When, ReviewVerdict.ReleasedAsNotHarassment, "t").ToExample(3);
        var confirmed = new ReviewerDecision("<b@x.org>", "lee", When, ReviewVerdict.ConfirmedHarassment, "t").ToExample(3);

        released.Label.Should().BeFalse();
        confirmed.Label.Should().BeTrue();
        confirmed.Weight.Should().Be(3);
        confirmed.Source.Should().Contain("<b@x.org>").And.Contain("lee").And.Contain("2026-05-01T09:30:00");
    }

    [Fact]
    public void A_malformed_line_is_rejected_with_its_line_number()
    {
        using var temp = new TempDirectory();
        var path = temp.File("feedback.jsonl", "{\"messageId\":\"<a@x>\",\"reviewer\":\"r\",\"decidedAt\":\"2026-05-01T09:30:00Z\",\"verdict\":\"confirmedHarassment\",\"text\":\"x\"}\n{broken\n");
        var read = () => FeedbackLog.Read(path);
        read.Should().Throw<InvalidDataException>().WithMessage("feedback.jsonl:2:*");
    }

    [Fact]
    public void A_decision_without_a_reviewer_is_rejected()
    {
        using var temp = new TempDirectory();
        var path = temp.File("feedback.jsonl", "{\"messageId\":\"<a@x>\",\"decidedAt\":\"2026-05-01T09:30:00Z\",\"verdict\":\"confirmedHarassment\",\"text\":\"x\"}\n");
        var read = () => FeedbackLog.Read(path);
        read.Should().Throw<InvalidDataException>().WithMessage("*reviewer*");
    }

    [Fact]
    public void Training_with_released_decisions_lowers_the_score_of_that_kind_of_text()
    {
        var corpus = CorpusGenerator.Generate(count: 600, seed: 3).Select(r => new LabelledExample(r.Text, r.Label, r.Id)).ToList();
        const string text = "The zebra committee flagged the crimson banjo schedule.";
        var decisions = Enumerable.Range(0, 5)
            .Select(i => new ReviewerDecision($"<m{i}@x.org>", "jones", When, ReviewVerdict.ReleasedAsNotHarassment, text).ToExample(3))
            .ToList();
        var options = new TrainingOptions { MaximumIterations = 50 };

        var without = new HarassmentClassifier(HarassmentTrainer.Train(corpus, options)).Score(text).Probability;
        var with = new HarassmentClassifier(HarassmentTrainer.Train([.. corpus, .. decisions], options)).Score(text).Probability;

        with.Should().BeLessThan(without);
    }
}
