using MimeKit;

namespace MailFilter.Classifier.Tests;

/// <summary>The committed model on the cases a compliance officer cares about.</summary>
public class ShippedModelTests
{
    static readonly HarassmentClassifier Classifier = HarassmentClassifier.Default;

    const string LongMailWithOneThreat = """
        Hi Karen,

        I wanted to follow up on the sidewalk repairs on Elm Avenue. The contractor confirmed they can start next week,
        and the crew will close the north lane from 7 to 3 each day. The budget line for the work is in the spreadsheet
        on the shared drive, and purchasing has the purchase order ready for your signature.

        The council will discuss the storm drain project at the April meeting, so please send me your notes by Thursday.
        We also received three bids for the recycling contract; the summary is attached.

        If you go to HR about me again I will break your legs.

        The parking lot will be closed for sealing on Friday, so please park at the annex. Let me know if you have any
        questions about the schedule or the invoices.

        Thanks,
        Gary
        """;

    [Fact]
    public void One_threat_in_a_long_mail_decides_the_score_and_is_shown_first()
    {
        var score = Classifier.Score(LongMailWithOneThreat);

        score.Probability.Should().BeGreaterThanOrEqualTo(HarassmentThresholds.Tag);
        score.Probability.Should().BeGreaterThan(score.WholeTextProbability, "the threat would be diluted by the whole text");
        score.TopSentences[0].Text.Should().Contain("break your legs");
        score.TopTerms.Select(t => t.Term).Should().Contain(t => t.Contains("legs") || t.Contains("break"));
        score.ModelVersion.Should().Be(Classifier.ModelVersion).And.StartWith("harassment-");
    }

    [Theory]
    [InlineData("Harassment includes slurs, insults, threats, and demeaning remarks based on race, sex, age, religion, national origin or disability. Report it to Human Resources.")]
    [InlineData("Dispatch received a call at 2:14; the caller stated her ex-boyfriend threatened to kill her and left in a blue truck. Units en route.")]
    [InlineData("This report is unacceptable and needs to be redone before it goes to council. I expect the revision by Friday.")]
    [InlineData("This damn printer is jammed again. What a day.")]
    [InlineData("The council voted 5 to 2 to approve the road bond. The public hearing is on Monday in the council chambers.")]
    [InlineData("Officer Chen took a report; the suspect yelled that he would shoot the clerk and was arrested for making threats.")]
    public void Hard_negatives_stay_below_the_tag_threshold(string text)
    {
        Classifier.Score(text).Probability.Should().BeLessThan(HarassmentThresholds.Tag);
    }

    [Theory]
    [InlineData("You are a worthless, lazy idiot and everyone in this office knows it.")]
    [InlineData("Women like you don't belong in Public Works. Go back to the kitchen.")]
    [InlineData("I know where you park. Keep talking and see what happens to you.")]
    public void Plain_harassment_is_at_least_tagged(string text)
    {
        Classifier.Score(text).Probability.Should().BeGreaterThanOrEqualTo(HarassmentThresholds.Tag);
    }

    [Fact]
    public void Harassment_quoted_in_a_complaint_is_not_counted_against_the_complainant()
    {
        var body = "Please do not speak to me that way again. I am forwarding this to HR.\n\nOn Mon, Mar 2, 2026 at 9:00 AM, Dave <dave@example.org> wrote:\n> You are a worthless idiot and I will break your legs.\n";
        Classifier.Score(body).Probability.Should().BeLessThan(HarassmentThresholds.Tag);
    }

    [Fact]
    public void A_MimeMessage_is_scored_on_its_subject_and_plain_text_body()
    {
        var message = new MimeMessage { Subject = "you idiot", Body = new TextPart("plain") { Text = "You are a worthless moron and a liar." } };
        Classifier.Score(message).Probability.Should().BeGreaterThanOrEqualTo(HarassmentThresholds.Tag);
    }

    [Fact]
    public void Empty_text_scores_without_explanations()
    {
        var score = Classifier.Score("");
        score.TopSentences.Should().BeEmpty();
        score.TopTerms.Should().BeEmpty();
    }

    [Fact]
    public void Concurrent_scoring_gives_the_same_answers_as_sequential_scoring()
    {
        string[] texts = [LongMailWithOneThreat, "The agenda is attached.", "You are a pathetic clown.", "Snow plows start at 4."];
        var expected = texts.Select(t => Classifier.Score(t).Probability).ToArray();
        var results = new double[400];
        Parallel.For(0, results.Length, i => results[i] = Classifier.Score(texts[i % texts.Length]).Probability);
        results.Select((p, i) => p - expected[i % texts.Length]).Should().OnlyContain(d => d == 0);
    }
}
