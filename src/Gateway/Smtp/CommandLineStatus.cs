namespace MailFilter.Gateway.Smtp;

/// <summary>What reading the next command line gave.</summary>
internal enum CommandLineStatus
{
    Line,
    TooLong,
    ClientClosed,
    StopRequested,
}
