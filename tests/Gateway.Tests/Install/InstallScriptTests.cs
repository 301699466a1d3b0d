using System.Diagnostics;
using MailFilter.Gateway.Tests.Policy;

namespace MailFilter.Gateway.Tests.Install;

/// <summary>
/// deploy/test-install.sh as a real process: deploy/install.sh into a temporary root, the unit checked (and
/// verified by systemd-analyze where there is one), the installed program started as the unit starts it, a
/// message over SMTP into the outbox, a graceful, logged stop. It installs the gateway this test run built
/// (framework-dependent) instead of publishing one, which takes minutes; `deploy/test-install.sh` alone
/// publishes self-contained.
/// </summary>
public class InstallScriptTests
{
    [Fact]
    public async Task The_install_script_installs_into_a_temporary_root_and_the_installed_gateway_takes_and_delivers_a_message()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var build = new DirectoryInfo(AppContext.BaseDirectory); // tests/Gateway.Tests/bin/<configuration>/net10.0/
        var gatewayBuild = Path.Combine(Path.Combine(RepositoryPaths.Root, "src/Gateway/bin"), build.Parent!.Name, build.Name);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(RepositoryPaths.Root, "deploy/test-install.sh"), "--from", gatewayBuild })
            start.ArgumentList.Add(argument);

        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await script.WaitForExitAsync(timeout.Token);

        var transcript = await output + await errors;
        script.ExitCode.Should().Be(0, transcript);
        transcript.TrimEnd().Should().EndWith("install test: OK", transcript);
    }
}
