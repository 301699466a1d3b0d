namespace MailFilter.Classifier.Corpus;

/// <summary>
/// A named group of templates for one kind of text, harassing or not, drawn in proportion to its weight. A
/// <paramref name="TrainOnly"/> group's templates all go to the <c>train</c> split, whatever their hash: they add
/// training material without changing which templates are held out.
/// </summary>
internal sealed record TemplateGroup(string Name, bool Harassing, int Weight, IReadOnlyList<string> Templates, bool TrainOnly = false);
