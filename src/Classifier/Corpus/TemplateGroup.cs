namespace MailFilter.Classifier.Corpus;

/// <summary>A named group of templates for one kind of text, harassing or not, drawn in proportion to its weight.</summary>
internal sealed record TemplateGroup(string Name, bool Harassing, int Weight, IReadOnlyList<string> Templates);
