using MailFilter.Gateway.Records.Import;

namespace MailFilter.Gateway.Records.Sqlite;

/// <summary><see cref="IArchivedHashes"/> over the records table's sha256 index.</summary>
public sealed class SqliteArchivedHashes(SqliteArchiveDatabase database) : IArchivedHashes
{
    public async Task<IReadOnlySet<string>> WhichAreArchivedAsync(IReadOnlyCollection<string> sha256s, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (sha256s.Count == 0)
            return found;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT sha256 FROM records WHERE sha256 IN (SELECT value FROM json_each($hashes))";
        command.Parameters.AddWithValue("$hashes", SqliteValues.List(sha256s.ToList()));
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        while (await row.ReadAsync(cancellationToken))
            found.Add(row.GetString(0));
        return found;
    }
}
