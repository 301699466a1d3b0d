namespace MailFilter.Gateway.Smtp;

public static class SmtpHostingExtensions
{
    /// <summary>Binds SmtpOptions (section "Smtp") and adds the SMTP listener to Kestrel. (Being built.)</summary>
    public static WebApplicationBuilder AddSmtp(this WebApplicationBuilder builder) => builder;
}
