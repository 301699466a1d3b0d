using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace MailFilter.Gateway.Records.Archiving;

/// <summary>
/// Runs tasks on one dedicated thread whose CPU priority is lowered (a nice value, on Linux): work scheduled here — the
/// archiver's reading, parsing, indexing and SQLite writes, and every continuation of its awaits — yields the CPU to the
/// SMTP sessions and to delivery and runs on what they leave. Where priorities cannot be set, it is a plain dedicated thread.
/// Work that must run in parallel (a blob batch's syncs) is started with <see cref="Task.Run(Func{Task})"/>, on the pool.
/// </summary>
public sealed class LowPriorityTaskScheduler : TaskScheduler, IDisposable
{
    const int PriorityOfProcess = 0;

    readonly BlockingCollection<Task> tasks = new();
    readonly Thread thread;

    /// <param name="name">The thread's name (in a debugger, a dump).</param>
    /// <param name="niceness">0 (as the rest of the process) to 19 (only when nothing else wants the CPU).</param>
    public LowPriorityTaskScheduler(string name, int niceness)
    {
        thread = new Thread(() =>
        {
            Lowered = niceness > 0 && TryLowerPriority(niceness);
            foreach (var task in tasks.GetConsumingEnumerable())
                TryExecuteTask(task);
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    /// <summary>Whether the thread's priority was lowered (false where the platform does not allow it).</summary>
    public bool Lowered { get; private set; }

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task) => tasks.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => tasks.ToArray();

    public void Dispose() => tasks.CompleteAdding();

    /// <summary>On Linux the nice value is a thread's: <c>setpriority(PRIO_PROCESS, 0, n)</c> sets the calling thread's.</summary>
    static bool TryLowerPriority(int niceness)
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return SetPriority(PriorityOfProcess, 0, niceness) == 0;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    static extern int SetPriority(int which, uint who, int priority);
}
