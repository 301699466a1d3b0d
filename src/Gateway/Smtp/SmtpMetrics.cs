using Prometheus;

namespace MailFilter.Gateway.Smtp;

/// <summary>The protocol's own Prometheus series: every reply at the end of a message's data, whoever decided it.</summary>
public static class SmtpMetrics
{
    /// <summary>By reply code and enhanced status code: 250 2.0.0, 550 5.7.1, 554 5.6.0, 451 4.3.0, 552 5.3.4, …</summary>
    public static readonly Counter EndOfDataReplies = Metrics.CreateCounter(
        "mailfilter_smtp_end_of_data_replies_total", "Replies at the end of a message's data (DATA's final dot or BDAT LAST), by code.", "code", "enhanced");
}
