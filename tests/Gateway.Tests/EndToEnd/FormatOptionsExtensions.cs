using MimeKit;

namespace MailFilter.Gateway.Tests.EndToEnd;

static class FormatOptionsExtensions
{
    public static FormatOptions WithDos(this FormatOptions options)
    {
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
