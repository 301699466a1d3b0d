namespace MailFilter.Gateway.Queue.Delivery;

/// <summary>One pooled connection in use; returned to the pool when healthy, discarded otherwise.</summary>
public sealed class SmtpConnectionLease
{
    readonly SmtpConnectionPool pool;
    readonly SmtpConnectionPool.HopConnections connections;
    bool released;

    internal SmtpConnectionLease(SmtpConnectionPool pool, SmtpConnectionPool.HopConnections connections, RelayingSmtpClient client, bool reused)
    {
        this.pool = pool;
        this.connections = connections;
        Client = client;
        Reused = reused;
    }

    public RelayingSmtpClient Client { get; }

    /// <summary>The connection served an earlier message: a failure on it may just mean the next hop closed it while idle.</summary>
    public bool Reused { get; }

    public void Return()
    {
        if (released)
            return;
        released = true;
        pool.Return(connections, Client);
    }

    public void Discard()
    {
        if (released)
            return;
        released = true;
        pool.Discard(connections, Client);
    }
}
