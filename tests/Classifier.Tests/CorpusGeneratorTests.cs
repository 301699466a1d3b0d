using MailFilter.Classifier.Corpus;

namespace MailFilter.Classifier.Tests;

public class CorpusGeneratorTests
{
    /// <summary>The slots <see cref="MessageWrapper"/> expands, one alternative each.</summary>
    const string WrapperSlots = "@greeting\nHi\n@first_name\nAnn\n@full_name\nAnn Lee\n@filler\nSee the agenda.\n@closing_line\nThanks.\n"
        + "@signoff\nBest,\n@signature\nAnn\n@weekday\nMonday\n@month\nMay\n@time\n9:00\n@topic\nthe budget\n";

    [Fact]
    public void The_same_seed_gives_the_same_rows()
    {
        CorpusGenerator.Generate(300, 7).Should().Equal(CorpusGenerator.Generate(300, 7));
    }

    [Fact]
    public void Rows_cover_both_labels_both_splits_and_the_hard_negatives()
    {
        var rows = CorpusGenerator.Generate(2000, 1);
        rows.Select(r => r.Label).Distinct().Should().HaveCount(2);
        rows.Select(r => r.Split).Distinct().Should().BeEquivalentTo(["train", "test"]);
        rows.Select(r => r.Group).Should().Contain(["hr-training", "reports-of-threats", "firm-criticism", "untargeted-profanity"]);
        rows.Select(r => r.Text).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_template_is_in_one_split_only()
    {
        CorpusGenerator.Generate(2000, 2).GroupBy(r => r.Template).Should().OnlyContain(g => g.Select(r => r.Split).Distinct().Count() == 1);
    }

    [Fact]
    public void Grammar_slots_choices_and_articles_expand()
    {
        var grammar = Grammar.Parse([("g", "@noun\napple\n@@clean g 1\nI ate {a} {noun} {today|}.\n")]);
        var text = grammar.Expand(grammar.Groups[0].Templates[0], new Random(1));
        text.Should().StartWith("I ate an apple");
    }

    [Fact]
    public void An_unknown_slot_is_an_error()
    {
        var grammar = Grammar.Parse([("g", "@@clean g 1\n{nothing}\n")]);
        var expand = () => grammar.Expand("{nothing}", new Random(1));
        expand.Should().Throw<InvalidDataException>().WithMessage("*nothing*");
    }

    [Fact]
    public void A_train_only_group_never_reaches_the_test_split_and_leaves_the_other_groups_split_as_before()
    {
        var templates = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"line {i} {{x|y|z}} {{x|y|z}}"));
        var plain = Grammar.Parse([("w", WrapperSlots), ("g", $"@@harass h 1\n{templates}\n@@clean c 1\n{templates}\n")]);
        var marked = Grammar.Parse([("w", WrapperSlots), ("g", $"@@harass h 1\n{templates}\n@@clean c 1 train\n{templates}\n@@clean extra 1 train\n{templates}\n")]);

        marked.Groups.Select(g => g.TrainOnly).Should().Equal(false, true, true);
        var before = CorpusGenerator.Generate(plain, 1500, 3);
        var after = CorpusGenerator.Generate(marked, 1500, 3);

        before.Where(r => r.Group == "c").Select(r => r.Split).Should().Contain("test", "without the flag about a fifth of the templates are held out");
        after.Where(r => r.Group is "c" or "extra").Should().NotBeEmpty().And.OnlyContain(r => r.Split == "train");
        var heldOut = before.Where(r => r.Group == "h").GroupBy(r => r.Template).ToDictionary(g => g.Key, g => g.First().Split);
        after.Where(r => r.Group == "h").Should().OnlyContain(r => !heldOut.ContainsKey(r.Template) || heldOut[r.Template] == r.Split);
        after.Where(r => r.Group == "h").Select(r => r.Split).Should().Contain("test");
    }

    [Fact]
    public void Blind_groups_make_the_blind_held_out_set_and_never_reach_the_training_corpus()
    {
        var templates = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line {i} {{x|y|z}} {{x|y|z}}"));
        var blindTemplates = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"blind {i} {{x|y|z}} {{x|y|z}}"));
        var grammar = Grammar.Parse([("w", WrapperSlots), ("g",
            $"@@harass h 1\n{templates}\n@@clean c 1\n{templates}\n@@harass hb 1 blind\n{blindTemplates}\n@@clean cb 1 blind\n{blindTemplates}\n")]);

        grammar.Groups.Select(g => g.Blind).Should().Equal(false, false, true, true);
        var training = CorpusGenerator.Generate(grammar, 1500, 3);
        var blind = CorpusGenerator.Generate(grammar, 500, 3, blind: true);

        training.Should().NotBeEmpty().And.OnlyContain(r => (r.Group == "h" || r.Group == "c") && !r.Text.Contains("blind "));
        blind.Should().NotBeEmpty().And.OnlyContain(r => (r.Group == "hb" || r.Group == "cb") && r.Split == "test" && !r.Text.Contains("line "));
        blind.Select(r => r.Label).Distinct().Should().HaveCount(2);
    }

    [Fact]
    public void The_shipped_blind_held_out_set_shares_no_group_with_the_training_corpus()
    {
        var trainingGroups = CorpusGenerator.Generate(3000, 1).Select(r => r.Group).ToHashSet();
        var blind = CorpusGenerator.GenerateBlindHeldOut(1000, 1);

        blind.Should().OnlyContain(r => r.Split == "test" && !trainingGroups.Contains(r.Group));
        blind.Select(r => r.Label).Distinct().Should().HaveCount(2);
    }

    [Theory]
    [InlineData("@@clean g 1 test\nx\n")]
    [InlineData("@@clean g 1 train extra\nx\n")]
    [InlineData("@@clean g 0\nx\n")]
    [InlineData("@@clean g 1\nx\n@@harass g 1 train\ny\n")]
    public void A_malformed_group_header_is_an_error(string text)
    {
        var parse = () => Grammar.Parse([("g", text)]);
        parse.Should().Throw<InvalidDataException>();
    }
}
