using MailFilter.Classifier.Text;

namespace MailFilter.Classifier.Tests;

public class SentenceSplitterTests
{
    static List<string> Split(string text)
    {
        var sentences = new List<Sentence>();
        SentenceSplitter.Split(text, sentences);
        return sentences.Select(s => s.In(text).ToString()).ToList();
    }

    [Fact]
    public void Sentences_end_at_terminal_punctuation_followed_by_space()
    {
        Split("The meeting moved. Can you come? Great!").Should().Equal("The meeting moved.", "Can you come?", "Great!");
    }

    [Fact]
    public void Lines_wrapped_inside_a_paragraph_are_one_sentence()
    {
        var text = "The contractor finished the paving on Elm Avenue this morning and the crew\nwill start the striping next week if the weather holds.";
        Split(text).Should().ContainSingle();
    }

    [Fact]
    public void A_short_greeting_line_and_blank_lines_separate_sentences()
    {
        Split("Hi Dave,\nThe report is attached\n\nand the invoice too").Should().Equal("Hi Dave,", "The report is attached", "and the invoice too");
    }

    [Fact]
    public void Decimal_numbers_and_abbreviations_without_space_do_not_split()
    {
        Split("The rate is 3.5 percent this year.").Should().ContainSingle();
    }

    [Fact]
    public void A_run_on_text_is_cut_into_bounded_sentences()
    {
        var text = string.Join(" ", Enumerable.Repeat("word", 1000));
        Split(text).Should().OnlyContain(s => s.Length <= SentenceSplitter.MaxSentenceChars + 10);
    }
}
