namespace MailFilter.Gateway.Smtp;

/// <summary>The ESMTP parameters of MAIL FROM this server understands.</summary>
internal readonly record struct MailParameters(long? DeclaredSize, SmtpBodyType Body, bool SmtpUtf8);
