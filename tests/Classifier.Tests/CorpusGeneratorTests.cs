using MailFilter.Classifier.Corpus;

namespace MailFilter.Classifier.Tests;

public class CorpusGeneratorTests
{
    [Fact]
    public void TheSameSeedGivesTheSameRows()
    {
        CorpusGenerator.Generate(300, 7).Should().Equal(CorpusGenerator.Generate(300, 7));
    }

    [Fact]
    public void RowsCoverBothLabelsBothSplitsAndTheHardNegatives()
    {
        var rows = CorpusGenerator.Generate(2000, 1);
        rows.Select(r => r.Label).Distinct().Should().HaveCount(2);
        rows.Select(r => r.Split).Distinct().Should().BeEquivalentTo(["train", "test"]);
        rows.Select(r => r.Group).Should().Contain(["hr-training", "reports-of-threats", "firm-criticism", "untargeted-profanity"]);
        rows.Select(r => r.Text).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void ATemplateIsInOneSplitOnly()
    {
        CorpusGenerator.Generate(2000, 2).GroupBy(r => r.Template).Should().OnlyContain(g => g.Select(r => r.Split).Distinct().Count() == 1);
    }

    [Fact]
    public void GrammarSlotsChoicesAndArticlesExpand()
    {
        var grammar = Grammar.Parse([("g", "@noun\napple\n@@clean g 1\nI ate {a} {noun} {today|}.\n")]);
        var text = grammar.Expand(grammar.Groups[0].Templates[0], new Random(1));
        text.Should().StartWith("I ate an apple");
    }

    [Fact]
    public void AnUnknownSlotIsAnError()
    {
        var grammar = Grammar.Parse([("g", "@@clean g 1\n{nothing}\n")]);
        var expand = () => grammar.Expand("{nothing}", new Random(1));
        expand.Should().Throw<InvalidDataException>().WithMessage("*nothing*");
    }
}
