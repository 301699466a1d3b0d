using MailFilter.Bench.LoadGen;

return await LoadGenCommand.RunAsync(args);
