using Prometheus;

namespace MailFilter.Gateway.Queue;

/// <summary>The Prometheus series of the mail flow, served on the console port at /metrics.</summary>
public static class QueueMetrics
{
    /// <summary>End-of-data outcomes: queued, held, rejected, tempfailed.</summary>
    public static readonly Counter Received = Metrics.CreateCounter(
        "mailfilter_messages_received_total", "Messages at end of data, by the outcome of the reply.", "outcome");

    /// <summary>Per-recipient delivery outcomes: delivered, deferred, bounced.</summary>
    public static readonly Counter Deliveries = Metrics.CreateCounter(
        "mailfilter_recipient_deliveries_total", "Recipient delivery attempts, by outcome.", "outcome");

    public static readonly Counter BouncesSent = Metrics.CreateCounter(
        "mailfilter_bounces_queued_total", "Delivery status notifications the gateway queued to senders.");

    public static readonly Gauge QueueSize = Metrics.CreateGauge(
        "mailfilter_queue_messages", "Entries in each queue state directory.", "state");

    public static readonly Histogram EndOfDataToReply = Metrics.CreateHistogram(
        "mailfilter_end_of_data_reply_seconds", "Time from the end of the message data to the reply (spool sync, parse, verdict, commit).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

    /// <summary>The parts of <see cref="EndOfDataToReply"/>: parse, policy (verdict), commit (append, fsyncs, rename).</summary>
    public static readonly Histogram EndOfDataStage = Metrics.CreateHistogram(
        "mailfilter_end_of_data_stage_seconds", "Time spent in each stage between the end of the message data and the reply.",
        new HistogramConfiguration { LabelNames = ["stage"], Buckets = Histogram.ExponentialBuckets(0.00025, 2, 16) });
}
