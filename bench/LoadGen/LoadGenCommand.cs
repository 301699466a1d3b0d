namespace MailFilter.Bench.LoadGen;

/// <summary>The verbs of <c>loadgen</c>: send, idle, sink, verify.</summary>
public static class LoadGenCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        // run.sh stops a background sink with SIGTERM; let it finish its sessions' bookkeeping.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

        if (args.Length == 0) return Usage();
        try
        {
            var options = new Arguments(args.Skip(1));
            return args[0] switch
            {
                "send" => await SendCommand.RunAsync(options, stop.Token),
                "idle" => await IdleCommand.RunAsync(options, stop.Token),
                "sink" => await SinkCommand.RunAsync(options, stop.Token),
                "verify" => await VerifyCommand.RunAsync(options, stop.Token),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"loadgen: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine("loadgen: stopped");
            return 130;
        }
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: loadgen VERB [options]\n  " +
                                string.Join("\n  ", SendCommand.Usage, IdleCommand.Usage, SinkCommand.Usage, VerifyCommand.Usage));
        return 2;
    }
}
