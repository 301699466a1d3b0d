using System.ComponentModel.DataAnnotations;
using MailFilter.Gateway.Records;
using MailFilter.Gateway.Records.Audit;
using MailFilter.Gateway.Records.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MailFilter.Gateway.Tests.Records;

/// <summary>Section "Records": where the archive lives, the time zone, the limits; and AddRecords composing the stores.</summary>
public sealed class RecordsOptionsTests : IDisposable
{
    readonly RecordsTempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    static List<ValidationResult> Validate(RecordsOptions options)
    {
        var results = new List<ValidationResult>();
        // As ValidateDataAnnotations does: the attributes, then IValidatableObject.Validate.
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void The_archive_defaults_to_DATA_archive()
    {
        new RecordsOptions().FullDirectory("/srv/mailfilter").Should().Be("/srv/mailfilter/archive");
        new RecordsOptions { Directory = "/mnt/records" }.FullDirectory("/srv/mailfilter").Should().Be("/mnt/records");
    }

    [Fact]
    public void An_IANA_time_zone_is_accepted_and_an_unknown_one_is_named()
    {
        Validate(new RecordsOptions { TimeZone = "America/Chicago" }).Should().BeEmpty();
        new RecordsOptions { TimeZone = "America/Chicago" }.ResolveTimeZone().Id.Should().Be("America/Chicago");
        Validate(new RecordsOptions { TimeZone = "Mars/Olympus_Mons" }).Should().ContainSingle().Which.ErrorMessage.Should().Contain("Mars/Olympus_Mons");
    }

    [Fact]
    public void An_extraction_limit_out_of_range_is_named()
    {
        Validate(new RecordsOptions { Extraction = new() { MaxPages = 0 } }).Should().ContainSingle().Which.ErrorMessage.Should().Contain("Records:Extraction");
    }

    [Fact]
    public async Task AddRecords_composes_working_stores_under_the_data_directory()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:DataDirectory"] = directory.Path,
            ["Records:Extraction:MaxPages"] = "12",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        services.AddRecords();
        await using var provider = services.BuildServiceProvider();

        var stored = await provider.GetRequiredService<IMessageBlobStore>().PutAsync(new MemoryStream("Subject: x\r\n\r\ny\r\n"u8.ToArray()), null, CancellationToken.None);
        await provider.GetRequiredService<IAuditLog>().AppendAsync(new AuditEvent("system:test", "archive.import", "test"), CancellationToken.None);
        await provider.GetRequiredService<IRecordStore>().AddAsync([TestRecords.Create("X1") with { Sha256 = stored.Sha256 }], CancellationToken.None);

        File.Exists(Path.Combine(directory.Path, "archive", "records.db")).Should().BeTrue();
        (await provider.GetRequiredService<ArchiveVerifier>().VerifyAsync(null, CancellationToken.None)).IsIntact.Should().BeTrue();
        provider.GetRequiredService<IOptions<RecordsOptions>>().Value.Extraction.MaxPages.Should().Be(12);
    }
}
