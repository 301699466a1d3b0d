using MailFilter.Gateway.Cli;

return await MailFilterCommand.Create().Parse(args).InvokeAsync();
