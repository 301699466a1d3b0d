namespace MailFilter.Classifier;

/// <summary>One sentence of the sender's text and its own harassment probability.</summary>
public sealed record SentenceScore(string Text, double Probability);
