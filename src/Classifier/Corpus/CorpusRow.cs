namespace MailFilter.Classifier.Corpus;

/// <summary>One generated example: its id, its split (<c>train</c> or <c>test</c>), label, template group and text.</summary>
public sealed record CorpusRow(string Id, string Split, bool Label, string Group, string Template, string Text);
