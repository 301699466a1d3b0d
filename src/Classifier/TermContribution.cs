namespace MailFilter.Classifier;

/// <summary>A word or word pair and how much it added to the model's raw (log-odds) score.</summary>
public sealed record TermContribution(string Term, double Weight);
