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
    public void WholeWordMatchingLeavesInnocentWordsAlone(string text)
    {
        var matcher = new TermMatcher(["cunt", "sex", "ass", "rapist", "shit", "cock", "hit"]);
        Found(matcher, text).Should().BeEmpty();
    }

    [Fact]
    public void MultiWordTermsMatchInSequenceAndQuoteTheWholePhrase()
    {
        var matcher = new TermMatcher(["chain letter", "break the chain"]);
        Found(matcher, "This CHAIN-letter says: don't break   the chain!").Should().Equal("CHAIN-letter", "break   the chain");
    }

    [Fact]
    public void PrefixTermsMatchAnyEnding()
    {
        var matcher = new TermMatcher(["donat*"]);
        Found(matcher, "Donate now; donations and donating welcome; a donut is not.").Should().Equal("Donate", "donations", "donating");
    }

    [Fact]
    public void StretchedWordsMatchTheirSqueezedForm()
    {
        var matcher = new TermMatcher(["shit", "fuck"]);
        Found(matcher, "shiiiiit and fuuuuuck").Should().Equal("shiiiiit", "fuuuuuck");
    }

    [Fact]
    public void TermsInListsAreNormalisedLikeText()
    {
        var matcher = new TermMatcher(["A$$HOLE", "Pass It On"]);
        Found(matcher, "what an asshole; pass it on").Should().HaveCount(2);
    }

    [Fact]
    public void MatchingALargeListIsOneLookupPerWord()
    {
        var terms = Enumerable.Range(0, 50_000).Select(i => $"term{i:x}word").Append("needle").ToList();
        var matcher = new TermMatcher(terms);
        var text = string.Join(' ', Enumerable.Repeat("plain words of a long message", 2_000)) + " needle";
        Found(matcher, text).Should().Equal("needle");
    }
}
