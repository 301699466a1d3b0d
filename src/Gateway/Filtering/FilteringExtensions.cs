using MailFilter.Classifier;
using MailFilter.Gateway.Smtp;
using MailFilter.Rules.MassMailing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailFilter.Gateway.Filtering;

public static class FilteringExtensions
{
    static readonly TimeSpan SimilarContentWindow = TimeSpan.FromHours(1);

    /// <summary>Registers the IMessageReceiver that spools, parses, judges and commits each message, and the judge.</summary>
    public static WebApplicationBuilder AddFiltering(this WebApplicationBuilder builder)
    {
        builder.Services.AddJudge(watchRules: true, useClassifier: true);
        builder.Services.AddSingleton<MessageAcceptor>();
        builder.Services.AddSingleton<IMessageReceiver, FilteringMessageReceiver>();
        return builder;
    }

    /// <summary>
    /// The judge and everything it reads from configuration — the rules folder, the organisation's domains
    /// (Smtp:AcceptedDomains), the trusted networks, the Filtering limits — composed the same way for <c>serve</c> and
    /// <c>scan</c>, so both give a message the same verdict.
    /// </summary>
    /// <param name="watchRules">Reload the rules when their folder changes (the daemon); a one-shot scan loads them once.</param>
    /// <param name="useClassifier">Score with the harassment classifier (off: <c>scan --no-classifier</c>).</param>
    public static IServiceCollection AddJudge(this IServiceCollection services, bool watchRules, bool useClassifier)
    {
        services.AddOptions<FilteringOptions>().BindConfiguration(FilteringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSmtpOptions();
        services.AddSingleton(provider => new PolicyRules(
            PolicyRules.DirectoryFor(provider.GetRequiredService<IOptions<GatewayOptions>>().Value),
            provider.GetRequiredService<IOptions<SmtpOptions>>().Value.AcceptedDomains,
            watchRules,
            provider.GetRequiredService<IOptions<FilteringOptions>>().Value.AllowEmptyPolicy,
            provider.GetRequiredService<ILogger<PolicyRules>>()));
        services.AddSingleton<ISimilarContentCounter>(_ => new InMemorySimilarContentCounter(SimilarContentWindow));
        if (useClassifier)
            services.AddSingleton<RulesScoreSource>(provider =>
                new HarassmentScoreSource(HarassmentClassifier.Default, provider.GetRequiredService<IOptions<FilteringOptions>>().Value.ClassifierMaxTextChars));
        services.AddSingleton<MessageParser>();
        services.TryAddSingleton<IMessageJudge, MessageJudge>();
        return services;
    }
}
