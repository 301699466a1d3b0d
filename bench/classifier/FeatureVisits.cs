using System.Diagnostics;
using MailFilter.Classifier;
using MailFilter.Classifier.Features;
using MailFilter.Classifier.Text;
using MimeKit;

/// <summary>
/// The feature pass alone (every sentence of every message, as the scorer visits them) over a corpus, in CPU time:
/// the machine is shared, and a busy neighbour stretches the wall clock but not this process's CPU time.
/// </summary>
static class FeatureVisits
{
    public static void Run(string[] folders)
    {
        var model = HarassmentClassifier.Default.Model;
        var weights = new SparseWeights(model.Weights);
        var texts = folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !Path.GetFileName(file).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(file => AuthoredText.Extract(MessageText.Of(MimeMessage.Load(file))))
            .ToList();
        var sentences = texts.Select(t => { var list = new List<Sentence>(); SentenceSplitter.Split(t, list); return list; }).ToList();
        long tokens = 0, wordFeatures = 0, characterFeatures = 0, sentenceCount = 0;
        void Visit()
        {
            for (var m = 0; m < texts.Count; m++)
                foreach (var s in sentences[m])
                {
                    var visitor = new LinearScoreVisitor(weights);
                    model.Space.Visit(s.In(texts[m]), ref visitor);
                    tokens += visitor.TokenCount;
                    wordFeatures += visitor.WordCount;
                    characterFeatures += visitor.CharacterCount;
                    sentenceCount++;
                }
        }
        Visit();
        Console.WriteLine($"{texts.Count} messages; per message {sentenceCount / (double)texts.Count:0.0} sentences, {tokens / (double)texts.Count:0} tokens, " +
            $"{wordFeatures / (double)texts.Count:0} word features, {characterFeatures / (double)texts.Count:0} character n-grams; {weights.NonZeroCount} non-zero weights");
        for (var i = 0; i < 10; i++)
            Visit();
        var best = double.MaxValue;
        for (var round = 0; round < 8; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var pass = 0; pass < 5; pass++)
                Visit();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (5.0 * texts.Count));
        }
        Console.WriteLine($"feature pass: {best:0.0} µs CPU per message (best of 8 rounds of 5 passes)");
    }
}
