namespace MailFilter.Classifier.Tests;

public class WarmUpTests
{
    [Fact]
    public void Warming_up_changes_no_score()
    {
        string[] texts =
        [
            "If you go to HR about me again I will break your legs.\n\nThanks,\nGary",
            "The agenda for Monday is attached.\n\nOn Mon, Mar 2, 2026 at 9:00 AM, Pat <pat@example.org> wrote:\n> You idiot.",
            "You are a worthless, stupid excuse for a manager and everyone knows it.",
        ];
        var cold = new HarassmentClassifier(HarassmentClassifier.Default.Model);
        var before = texts.Select(cold.Score).ToList();

        cold.WarmUp().Should().BeSameAs(cold);

        texts.Select(cold.Score).Should().BeEquivalentTo(before, options => options.WithStrictOrdering());
    }
}
