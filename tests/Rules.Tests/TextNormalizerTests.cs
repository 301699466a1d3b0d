using MailFilter.Rules.Text;

namespace MailFilter.Rules.Tests;

public class TextNormalizerTests
{
    static string[] Words(string text) => TextNormalizer.Normalize(text).Tokens.Select(t => t.Value).ToArray();

    [Theory]
    [InlineData("SHIT", "shit")]
    [InlineData("sh1t", "shit")]
    [InlineData("a$$", "ass")]
    [InlineData("@ss", "ass")]
    [InlineData("bullsh!t", "bullshit")]
    [InlineData("f\u200Buck", "fuck")]
    [InlineData("f\u00ADu\u200Dck", "fuck")]
    [InlineData("fück", "fuck")]
    [InlineData("ｆｕｃｋ", "fuck")]
    [InlineData("𝐟𝐮𝐜𝐤", "fuck")]
    [InlineData("раураl", "paypal")]
    [InlineData("ѕһіt", "shit")]
    public void Evasions_normalise_to_the_plain_word(string written, string expected)
    {
        Words(written).Should().Equal(expected);
    }

    [Theory]
    [InlineData("f.u.c.k this", "fuck")]
    [InlineData("s h i t happens", "shit")]
    [InlineData("b-i-t-c-h", "bitch")]
    [InlineData("f_u_c_k", "fuck")]
    public void Letters_spelled_out_with_one_separator_are_joined(string written, string expected)
    {
        Words(written)[0].Should().Be(expected);
    }

    [Fact]
    public void Numbers_stay_numbers()
    {
        Words("Pay $50 by 2024-03-01").Should().Equal("pay", "50", "by", "2024", "03", "01");
    }

    [Fact]
    public void Trailing_punctuation_is_not_read_as_leetspeak()
    {
        Words("Hello! Email me@city.example").Should().StartWith(["hello", "email"]);
    }

    [Fact]
    public void Evidence_quotes_the_sender_original_characters()
    {
        var text = TextNormalizer.Normalize("Well, f.u.c.k this and sh1t too");
        var join = text.Tokens.ToList().FindIndex(t => t.Value == "fuck");
        var leet = text.Tokens.ToList().FindIndex(t => t.Value == "shit");
        text.Quote(join, join).Should().Be("f.u.c.k");
        text.Quote(leet, leet).Should().Be("sh1t");
    }

    [Fact]
    public void Invisible_characters_stay_inside_the_quoted_word()
    {
        var text = TextNormalizer.Normalize("oh f\u200Buck no");
        text.Quote(1, 1).Should().Be("f\u200Buck");
    }

    [Fact]
    public void Stretched_letters_are_detected_and_squeezed()
    {
        var token = TextNormalizer.Normalize("shiiiiit").Tokens.Single();
        token.IsStretched.Should().BeTrue();
        CharacterFolding.Squeeze(token.Value).Should().Be("shit");
    }

    [Fact]
    public void Empty_and_symbol_only_texts_have_no_words()
    {
        Words("").Should().BeEmpty();
        Words("--- *** !!! ...").Should().BeEmpty();
    }
}
