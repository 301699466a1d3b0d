using System.Diagnostics;

namespace MailFilter.Gateway.Records.Import;

/// <summary>An import's running counts and lists, shared by its stages: every change and read under the tally's own lock.</summary>
sealed class ImportTally
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly List<ImportProblem> unparseable = [];
    readonly List<ImportProblem> failed = [];
    long messages, imported, duplicates, bytes;
    string source = "";

    public TimeSpan Elapsed => clock.Elapsed;

    public void Read(ImportSource message)
    {
        lock (this)
        {
            messages++;
            bytes += message.Length;
            source = message.Name;
        }
    }

    public void Add(long importedCount = 0, long duplicateCount = 0)
    {
        lock (this)
        {
            imported += importedCount;
            duplicates += duplicateCount;
        }
    }

    public void Unparseable(ImportProblem problem)
    {
        lock (this)
            unparseable.Add(problem);
    }

    public void Failed(ImportProblem problem)
    {
        lock (this)
            failed.Add(problem);
    }

    public ImportProgress Progress()
    {
        lock (this)
            return new ImportProgress(messages, imported, duplicates, unparseable.Count, failed.Count, bytes, clock.Elapsed, source);
    }

    public (IReadOnlyList<ImportProblem> Unparseable, IReadOnlyList<ImportProblem> Failed) Problems()
    {
        lock (this)
            return ([.. unparseable], [.. failed]);
    }
}
