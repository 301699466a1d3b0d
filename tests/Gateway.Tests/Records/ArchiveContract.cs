namespace MailFilter.Gateway.Tests.Records;

/// <summary>The base of every archive contract suite: a fresh data directory, a clock, and the backend opened on them.</summary>
public abstract class ArchiveContract : IDisposable
{
    protected ArchiveContract()
    {
        Backend = Factory.Open(Directory.Path, Clock);
    }

    /// <summary>The backend under test.</summary>
    protected abstract IArchiveBackendFactory Factory { get; }

    protected RecordsTempDirectory Directory { get; } = new();

    protected SteppingClock Clock { get; } = new(TestRecords.Monday.AddDays(7));

    protected ArchiveBackend Backend { get; private set; }

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>Closes the stores and opens them again on the same directory, as a restart does.</summary>
    protected void Reopen()
    {
        Backend.Dispose();
        Backend = Factory.Open(Directory.Path, Clock);
    }

    public void Dispose()
    {
        Backend.Dispose();
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }
}
