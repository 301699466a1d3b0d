using System.CommandLine;
using System.Text;
using MailFilter.Gateway.Cli;

// Legacy charsets (EUC-KR, GB2312, Shift_JIS, windows-125x …) need the code pages, and MimeKit settles each charset at
// its first use, so they are registered before any command parses a message.
Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
try
{
    return await MailFilterCommand.Create().Parse(CommonOptions.Rewrite(args)).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception exception) when (StartupFailure.Describe(exception) is { } reason)
{
    Console.Error.WriteLine($"mailfilter: {reason}");
    return 2;
}
