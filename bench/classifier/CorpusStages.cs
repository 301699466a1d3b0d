using System.Diagnostics;
using MailFilter.Classifier;
using MailFilter.Classifier.Text;
using MimeKit;

/// <summary>
/// Where the classifier's time goes on real mail: each stage of <see cref="HarassmentClassifier.Score(MimeMessage)"/>
/// timed over a whole corpus (parsed once, before timing), single-threaded, best of five rounds, in CPU time (a
/// busy neighbour on the shared machine stretches the wall clock, not this process's CPU time).
/// </summary>
static class CorpusStages
{
    /// <summary><paramref name="args"/>: corpus folders, and optionally <c>--model FILE</c> to time another model.</summary>
    public static void Run(string[] args)
    {
        var modelAt = Array.IndexOf(args, "--model");
        var classifier = modelAt >= 0 ? HarassmentClassifier.Load(args[modelAt + 1]) : HarassmentClassifier.Default;
        var folders = modelAt >= 0 ? args.Where((_, i) => i != modelAt && i != modelAt + 1).ToArray() : args;
        var messages = folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => !Path.GetFileName(file).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .ToList();
        var texts = messages.Select(m => MessageText.Of(m)).ToList();
        var authored = texts.Select(AuthoredText.Extract).ToList();
        Console.WriteLine($"model {classifier.ModelVersion}; {messages.Count} messages, mean text {texts.Average(t => t.Length):0} chars, mean authored {authored.Average(t => t.Length):0} chars");

        // Warm every stage up first, so tiered compilation has finished before anything is timed.
        for (var pass = 0; pass < 6; pass++)
            foreach (var message in messages)
                classifier.Score(message);

        var extraction = Measure("MessageText.Of (MimeKit text, HTML to text)", messages.Count, () => { foreach (var m in messages) MessageText.Of(m); });
        var stripping = Measure("AuthoredText.Extract (quotes, signature)", messages.Count, () => { foreach (var t in texts) AuthoredText.Extract(t); });
        var probability = Measure("Probability(text): strip + split + features", messages.Count, () => { foreach (var t in texts) classifier.Probability(t); });
        var score = Measure("Score(text): the same + explanation", messages.Count, () => { foreach (var t in texts) classifier.Score(t); });
        var whole = Measure("Score(MimeMessage): everything", messages.Count, () => { foreach (var m in messages) classifier.Score(m); });
        // In `scan` and the gateway the rules run between two messages and push the classifier's tables and code out of
        // the caches, the shared 32 MB one included; walking 16 MB between messages does much the same. (Walking 2 MB,
        // beyond the 1 MB per-core cache only, costs nothing measurable.) The cold figure is a difference of two large
        // times and moves by ±50% between runs.
        var evictor = new byte[16 << 20];
        var evicting = Measure("(walking 16 MB alone)", messages.Count, () => { foreach (var m in messages) Evict(evictor); });
        var cold = Measure("Score(MimeMessage) after walking 16 MB", messages.Count, () => { foreach (var m in messages) { Evict(evictor); classifier.Score(m); } });
        Console.WriteLine();
        Console.WriteLine($"  text extraction  {extraction.Micro,7:0.0} µs  {Share(extraction.Micro, whole.Micro)}");
        Console.WriteLine($"  stripping        {stripping.Micro,7:0.0} µs  {Share(stripping.Micro, whole.Micro)}");
        Console.WriteLine($"  split + features {probability.Micro - stripping.Micro,7:0.0} µs  {Share(probability.Micro - stripping.Micro, whole.Micro)}");
        Console.WriteLine($"  explanation      {score.Micro - probability.Micro,7:0.0} µs  {Share(score.Micro - probability.Micro, whole.Micro)}");
        Console.WriteLine($"  everything, caches cold: {cold.Micro - evicting.Micro:0.0} µs (warm {whole.Micro:0.0} µs)");
    }

    static string Share(double part, double whole) => $"{100 * part / whole,5:0}%";

    static (double Micro, long Bytes) Measure(string name, int count, Action pass)
    {
        var best = double.MaxValue;
        long bytes = 0;
        for (var round = 0; round < 5; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            pass();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / count;
        }
        Console.WriteLine($"{name,-48} {best,8:0.0} µs CPU/message  {bytes,7} B allocated/message");
        return (best, bytes);
    }

    static void Evict(byte[] memory)
    {
        for (var i = 0; i < memory.Length; i += 64)
            memory[i]++;
    }
}
