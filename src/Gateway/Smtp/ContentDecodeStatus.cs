namespace MailFilter.Gateway.Smtp;

/// <summary>Why <see cref="MessageContentDecoder.Decode"/> returned.</summary>
internal enum ContentDecodeStatus
{
    /// <summary>All input was consumed; more is needed.</summary>
    NeedMoreInput,

    /// <summary>The output span is (nearly) full: hand it on, then call again with the rest of the input.</summary>
    OutputFull,

    /// <summary>DATA only: CRLF "." CRLF was consumed; nothing after it was.</summary>
    EndOfData,
}
