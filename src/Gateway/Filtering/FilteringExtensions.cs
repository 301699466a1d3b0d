using MailFilter.Classifier;
using MailFilter.Gateway.Smtp;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MailFilter.Gateway.Filtering;

public static class FilteringExtensions
{
    /// <summary>
    /// Registers the IMessageReceiver that spools, parses, judges and queues each message, and the
    /// pass-everything policy unless another <see cref="IMessagePolicy"/> is registered.
    /// </summary>
    public static WebApplicationBuilder AddFiltering(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FilteringOptions>().BindConfiguration(FilteringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IMessagePolicy, RulesMessagePolicy>();
        builder.Services.AddSingleton<RulesScoreSource>(provider =>
            new HarassmentScoreSource(HarassmentClassifier.Default, provider.GetRequiredService<IOptions<FilteringOptions>>().Value.ClassifierMaxTextChars));
        builder.Services.AddSingleton<DirectionClassifier>();
        builder.Services.AddSingleton<MessageAcceptor>();
        builder.Services.AddSingleton<IMessageReceiver, FilteringMessageReceiver>();
        return builder;
    }
}
