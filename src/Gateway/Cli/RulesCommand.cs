using System.CommandLine;
using MailFilter.Rules.Evaluation;
using MailFilter.Rules.Language;

namespace MailFilter.Gateway.Cli;

/// <summary><c>mailfilter rules check|test [DIR]</c>: validate the policy rules, and run their examples.</summary>
public static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "Check the policy rules, or run their examples.");
        command.Subcommands.Add(Verb("check", "Load and validate the rules; print every error as file:line:column: reason.", Check, forExamples: false));
        command.Subcommands.Add(Verb("test", "Run every rule's examples (must match / must not match).", Test, forExamples: true));
        return command;
    }

    /// <param name="forExamples">
    /// Examples are written for the example organisation (city.example): they run with its domain local beside the
    /// configured Smtp:AcceptedDomains.
    /// </param>
    static Command Verb(string name, string description, Func<RuleSet, string, int> run, bool forExamples)
    {
        var directory = new Argument<string?>("DIR") { Description = "The rules folder. Default: --rules, the configuration, or the shipped rules.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(name, description);
        command.Arguments.Add(directory);
        CommonOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var folder = RulesDirectoryResolver.Resolve(parse, parse.GetValue(directory));
            var localDomains = RulesDirectoryResolver.LocalDomains(parse);
            var result = RuleSetLoader.Load(folder, localDomains: forExamples ? [.. localDomains, RuleSet.ExampleDomain] : localDomains);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                    Console.Error.WriteLine(error);
                Console.Error.WriteLine($"mailfilter: {result.Errors.Count} error(s) in {folder}; the rules were refused");
                return 1;
            }
            foreach (var warning in result.RuleSet!.Warnings)
                Console.Error.WriteLine($"warning: {warning}");
            return run(result.RuleSet, folder);
        });
        return command;
    }

    static int Check(RuleSet rules, string folder)
    {
        if (rules.Rules.Count == 0)
        {
            Console.Error.WriteLine($"mailfilter: {folder} holds no policy rules: the gateway would refuse to start (unless Filtering:AllowEmptyPolicy=true)");
            return 1;
        }
        var categories = rules.Rules.GroupBy(r => r.Category).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"{folder}: {rules.Rules.Count} rules in {rules.Files.Count} files, version {rules.Version}: OK");
        Console.WriteLine($"  categories: {string.Join(", ", categories)}");
        foreach (var (category, t) in rules.Thresholds.OrderBy(t => t.Key))
        {
            var byDirection = t.ByDirection.Select(d => $"; {d.Key.ToString().ToLowerInvariant()}: {Levels(d.Value)}");
            Console.WriteLine($"  {category}: {Levels(t)}{string.Concat(byDirection)}");
        }
        foreach (var exemption in rules.Exemptions)
            Console.WriteLine($"  exemption {exemption.Id} ({exemption.Category}): approved by {exemption.ApprovedBy}, until {exemption.Expires:yyyy-MM-dd}");
        return 0;
    }

    static int Test(RuleSet rules, string folder)
    {
        var outcome = RuleExampleRunner.Run(rules);
        foreach (var failure in outcome.Failures)
            Console.Error.WriteLine(failure);
        var untested = rules.Rules.Where(r => r.Enabled && r.Examples.Count == 0).Select(r => r.Id).ToList();
        if (untested.Count > 0)
            Console.WriteLine($"rules without examples: {string.Join(", ", untested)}");
        Console.WriteLine($"{outcome.Examples - outcome.Failures.Count} passed, {outcome.Failures.Count} failed ({outcome.Examples} examples of {rules.Rules.Count} rules in {folder})");
        return outcome.Failures.Count == 0 ? 0 : 1;
    }

    static string Levels(CategoryThresholds t) => $"tag {Show(t.Tag)}, quarantine {Show(t.Quarantine)}, reject {Show(t.Reject)}";

    static string Show(double? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "never";
}
