using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Sqlite;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>The MATCH expression: the clerk's FTS5 syntax kept, punctuation that FTS5 would refuse quoted, fields as phrases.</summary>
public sealed class FullTextQueryTests
{
    [Theory]
    [InlineData("budget", "budget")]
    [InlineData("\"annual budget\" OR levy*", "\"annual budget\" OR levy*")]
    [InlineData("budget NOT (draft OR final)", "budget NOT (draft OR final)")]
    [InlineData("alice@example.gov", "\"alice@example.gov\"")]
    [InlineData("e-mail policy", "\"e-mail\" policy")]
    [InlineData("smith's campaign", "\"smith's\" campaign")]
    [InlineData("Réunion", "Réunion")]
    [InlineData("say \"he said \"\"no\"\"\" now", "say \"he said \"\"no\"\"\" now")]
    public void Bare_words_with_punctuation_are_quoted_and_syntax_is_kept(string text, string expected)
    {
        FullTextQuery.QuoteBareWordsWithPunctuation(text).Should().Be(expected);
    }

    [Fact]
    public void Fields_become_phrases_in_their_columns()
    {
        var match = FullTextQuery.Build(new ArchiveQuery { Text = "budget", From = "alice@example.gov", To = "Bob \"B\" Jones", Subject = "minutes" });

        match.Should().Be("(budget) AND sender : \"alice@example.gov\" AND recipients : \"Bob \"\"B\"\" Jones\" AND subject : \"minutes\"");
    }
}
