using MailFilter.Rules.Language;

namespace MailFilter.Rules.Tests;

public class ReloadingRuleSetTests
{
    const string Pack = """
        category: demo
        thresholds: { tag: 1 }
        rules:
          - id: DEMO
            description: Demo.
            policy: ["St. Charles County EIP I.2.c"]
            score: 1
            when:
              text: { terms: [darn] }
        """;

    [Fact]
    public void A_folder_that_does_not_load_at_start_is_refused()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", "rules: nonsense");
        var act = () => new ReloadingRuleSet(folder.Path);
        act.Should().Throw<RuleSetRefusedException>().Which.Errors.Should().NotBeEmpty();
    }

    [Fact]
    public void A_failed_reload_keeps_the_last_good_set()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack);
        using var rules = new ReloadingRuleSet(folder.Path);
        var good = rules.Current;

        folder.Write("demo.yaml", Pack.Replace("score: 1", "score: lots"));
        var failed = rules.Reload();
        failed.Succeeded.Should().BeFalse();
        failed.Errors.Should().Contain(e => e.File == "demo.yaml" && e.Line == 7);
        rules.Current.Should().BeSameAs(good);

        folder.Write("demo.yaml", Pack.Replace("score: 1", "score: 3"));
        rules.Reload().Succeeded.Should().BeTrue();
        rules.Current.Rules.Single().Score.Should().Be(3);
    }

    [Fact]
    public async Task A_changed_file_is_picked_up_without_a_restart()
    {
        using var folder = new TempRulesFolder().Write("demo.yaml", Pack);
        using var rules = new ReloadingRuleSet(folder.Path, settleDelay: TimeSpan.FromMilliseconds(50));
        var reloaded = new TaskCompletionSource<RuleSetLoadResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        rules.Reloaded += result => { if (result.Succeeded) reloaded.TrySetResult(result); };
        rules.StartWatching();

        folder.Write("local.d/site.yaml", "overrides:\n  - { rule: DEMO, score: 4 }\n");

        var result = await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        result.RuleSet!.Rules.Single().Score.Should().Be(4);
        rules.Current.Rules.Single().Score.Should().Be(4);
    }
}
