namespace MailFilter.Classifier.Corpus;

/// <summary>
/// A named group of templates for one kind of text, harassing or not, drawn in proportion to its weight. A
/// <paramref name="TrainOnly"/> group's templates all go to the <c>train</c> split, whatever their hash: they add
/// training material without changing which templates are held out. A <paramref name="Blind"/> group belongs only to
/// the blind held-out set (<see cref="CorpusGenerator.GenerateBlindHeldOut"/>), written by someone who had seen none of
/// the other templates; it never reaches the training corpus.
/// </summary>
internal sealed record TemplateGroup(string Name, bool Harassing, int Weight, IReadOnlyList<string> Templates, bool TrainOnly = false, bool Blind = false);
