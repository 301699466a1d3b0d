namespace MailFilter.Rules.Language;

/// <summary>
/// The rule set in force, reloaded when a file in the rules folder (or its overrides) changes. A reload that
/// fails keeps the last good set and reports the errors; the policy never falls back to nothing.
/// </summary>
public sealed class ReloadingRuleSet : IDisposable
{
    readonly string rulesDirectory;
    readonly string? overridesDirectory;
    readonly IReadOnlyList<string> localDomains;
    readonly TimeSpan settleDelay;
    readonly List<FileSystemWatcher> watchers = [];
    readonly Lock gate = new();
    Timer? pending;
    RuleSet current;

    /// <exception cref="RuleSetRefusedException">The rules do not load now: there is no good set to start from.</exception>
    public ReloadingRuleSet(string rulesDirectory, string? overridesDirectory = null, TimeSpan? settleDelay = null,
        IEnumerable<string>? localDomains = null)
    {
        this.localDomains = [.. localDomains ?? []];
        this.rulesDirectory = rulesDirectory;
        this.overridesDirectory = overridesDirectory;
        this.settleDelay = settleDelay ?? TimeSpan.FromMilliseconds(500);
        var first = RuleSetLoader.Load(rulesDirectory, overridesDirectory, localDomains: localDomains);
        if (!first.Succeeded)
            throw new RuleSetRefusedException(first.Errors);
        current = first.RuleSet!;
    }

    public RuleSet Current => Volatile.Read(ref current);

    /// <summary>Raised after every reload attempt, with the new set or the errors that kept the old one.</summary>
    public event Action<RuleSetLoadResult>? Reloaded;

    /// <summary>Loads the folder again now; on failure the current set stays.</summary>
    public RuleSetLoadResult Reload()
    {
        var result = RuleSetLoader.Load(rulesDirectory, overridesDirectory, localDomains: localDomains);
        if (result.Succeeded)
            Volatile.Write(ref current, result.RuleSet!);
        Reloaded?.Invoke(result);
        return result;
    }

    /// <summary>Watches the folders; a burst of changes (an editor saving) leads to one reload after they settle.</summary>
    public void StartWatching()
    {
        lock (gate)
        {
            if (watchers.Count > 0)
                return;
            watchers.Add(Watch(rulesDirectory, includeSubdirectories: true));
            if (overridesDirectory is not null && Directory.Exists(overridesDirectory)
                && !Path.GetFullPath(overridesDirectory).StartsWith(Path.GetFullPath(rulesDirectory), StringComparison.Ordinal))
                watchers.Add(Watch(overridesDirectory, includeSubdirectories: false));
        }
    }

    FileSystemWatcher Watch(string directory, bool includeSubdirectories)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        watcher.Changed += (_, _) => Schedule();
        watcher.Created += (_, _) => Schedule();
        watcher.Deleted += (_, _) => Schedule();
        watcher.Renamed += (_, _) => Schedule();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    void Schedule()
    {
        lock (gate)
        {
            pending ??= new Timer(_ => ReloadFromTimer(), null, Timeout.Infinite, Timeout.Infinite);
            pending.Change(settleDelay, Timeout.InfiniteTimeSpan);
        }
    }

    void ReloadFromTimer()
    {
        try
        {
            Reload();
        }
        catch (IOException e)
        {
            // A file was mid-write; report it as a failed reload and try again shortly.
            Reloaded?.Invoke(new RuleSetLoadResult(null, [new RuleError(rulesDirectory, 0, 0, $"could not read the rules: {e.Message}")]));
            Schedule();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
                watcher.Dispose();
            watchers.Clear();
            pending?.Dispose();
            pending = null;
        }
    }
}
