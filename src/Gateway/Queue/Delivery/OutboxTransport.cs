namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>
/// With no next hop configured, "delivers" each message as DATA/outbox/&lt;id&gt;.eml (trace headers included),
/// so a new installation shows mail flowing end to end. Written to a temp name, fsynced, then renamed.
/// </summary>
public sealed class OutboxTransport(string outboxDirectory, IQueueFileSystem fileSystem)
{
    public string Directory { get; } = outboxDirectory;

    public async Task<IReadOnlyList<RecipientResult>> SendAsync(OutgoingMessage message, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, message.Id + ".eml");
        var temp = path + ".tmp";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
        {
            await message.WriteToAsync(file, ensureNewLine: false, cancellationToken);
            await file.FlushAsync(cancellationToken);
            fileSystem.SyncFile(file);
        }
        File.Move(temp, path, overwrite: true);
        fileSystem.SyncDirectory(Directory);
        return RecipientResult.ForAll(recipients, RecipientOutcome.Delivered, $"250 2.0.0 written to {path}", "outbox");
    }
}
