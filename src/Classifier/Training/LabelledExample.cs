namespace MailFilter.Classifier.Training;

/// <summary>A text with its label: <c>true</c> when it harasses someone.</summary>
/// <param name="Source">Where the row came from (file and row, or the reviewer's decision), for error messages and audits.</param>
/// <param name="Weight">How much the trainer counts the row; reviewer decisions may count more than generated rows.</param>
public sealed record LabelledExample(string Text, bool Label, string Source, float Weight = 1);
