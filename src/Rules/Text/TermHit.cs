namespace MailFilter.Rules.Text;

/// <summary>One list term found in a text: which term, and the tokens it spans.</summary>
public readonly record struct TermHit(int TermIndex, int FirstToken, int LastToken);
