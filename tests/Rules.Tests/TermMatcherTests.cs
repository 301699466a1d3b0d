using MailFilter.Rules.Text;

namespace MailFilter.Rules.Tests;

public class TermMatcherTests
{
    static List<string> Found(TermMatcher matcher, string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return matcher.Match(normalized).Select(h => normalized.Quote(h.FirstToken, h.LastToken)).ToList();
    }

    [Theory]
    [InlineData("Scunthorpe United won on Saturday.")]
    [InlineData("Offices in Essex and Sussex are closed.")]
    [InlineData("Please finish the class assessment.")]
    [InlineData("The bass section rehearses Tuesday.")]
    [InlineData("Her therapist's office moved.")]
    [InlineData("Team shirts from Dick's Sporting Goods.")]
    [InlineData("Cockburn Street, the cocktail hour and a passing hitchhiker.")]
    public void Whole_word_matching_leaves_innocent_words_alone(string text)
    {
        var matcher = new TermMatcher(["cunt", "sex", "ass", "rapist", "shit", "cock", "hit"]);
        Found(matcher, text).Should().BeEmpty();
    }

    [Fact]
    public void Multi_word_terms_match_in_sequence_and_quote_the_whole_phrase()
    {
        var matcher = new TermMatcher(["chain letter", "break the chain"]);
        Found(matcher, "This CHAIN-letter says: don't break   the chain!").Should().Equal("CHAIN-letter", "break   the chain");
    }

    [Fact]
    public void Prefix_terms_match_any_ending()
    {
        var matcher = new TermMatcher(["donat*"]);
        Found(matcher, "Donate now; donations and donating welcome; a donut is not.").Should().Equal("Donate", "donations", "donating");
    }

    [Fact]
    public void Stretched_words_match_their_squeezed_form()
    {
        var matcher = new TermMatcher(["shit", "fuck"]);
        Found(matcher, "shiiiiit and fuuuuuck").Should().Equal("shiiiiit", "fuuuuuck");
    }

    [Fact]
    public void Terms_in_lists_are_normalised_like_text()
    {
        var matcher = new TermMatcher(["A$$HOLE", "Pass It On"]);
        Found(matcher, "what an asshole; pass it on").Should().HaveCount(2);
    }

    [Fact]
    public void Matching_a_large_list_is_one_lookup_per_word()
    {
        var terms = Enumerable.Range(0, 50_000).Select(i => $"term{i:x}word").Append("needle").ToList();
        var matcher = new TermMatcher(terms);
        var text = string.Join(' ', Enumerable.Repeat("plain words of a long message", 2_000)) + " needle";
        Found(matcher, text).Should().Equal("needle");
    }
}
