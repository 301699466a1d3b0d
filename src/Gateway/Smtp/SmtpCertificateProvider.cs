using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MailFilter.Gateway.Smtp;

/// <summary>
/// The STARTTLS certificate: the configured one (PEM certificate + key, or PFX), or else a self-signed one made
/// on first use and kept under DATA/tls/, so TLS works out of the box and the certificate stays the same
/// across restarts. Loaded once.
/// </summary>
internal sealed class SmtpCertificateProvider
{
    const string SelfSignedCertificateFile = "smtp-selfsigned.crt";
    const string SelfSignedKeyFile = "smtp-selfsigned.key";

    readonly SmtpOptions _options;
    readonly string _tlsDirectory;
    readonly ILogger _logger;
    readonly Lock _loading = new();
    SslStreamCertificateContext? _context;

    public SmtpCertificateProvider(SmtpOptions options, string dataDirectory, ILogger logger)
    {
        _options = options;
        _tlsDirectory = Path.Combine(dataDirectory, "tls");
        _logger = logger;
    }

    /// <summary>The certificate, loaded or made on first use. A failure is not remembered: the next use tries again.</summary>
    public SslStreamCertificateContext Context
    {
        get
        {
            if (_context is { } loaded)
                return loaded;
            lock (_loading)
                return _context ??= SslStreamCertificateContext.Create(Load(_options, _tlsDirectory, _logger), additionalCertificates: null);
        }
    }

    static X509Certificate2 Load(SmtpOptions options, string tlsDirectory, ILogger logger)
    {
        if (options.TlsCertificatePath is { } path)
        {
            var certificate = LoadConfigured(path, options.TlsKeyPath, options.TlsCertificatePassword);
            logger.LogInformation("STARTTLS certificate {Subject} from {Path}, valid until {NotAfter:u}", certificate.Subject, path, certificate.NotAfter);
            return certificate;
        }
        var certificatePath = Path.Combine(tlsDirectory, SelfSignedCertificateFile);
        var keyPath = Path.Combine(tlsDirectory, SelfSignedKeyFile);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = Exportable(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
            if (existing.NotAfter > DateTime.UtcNow.AddDays(1))
                return existing;
        }
        var created = CreateSelfSigned(options.ServerName);
        Directory.CreateDirectory(tlsDirectory);
        WriteAtomically(keyPath, created.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(), privateFile: true);
        WriteAtomically(certificatePath, created.ExportCertificatePem(), privateFile: false);
        logger.LogInformation("Created a self-signed STARTTLS certificate for {ServerName} in {Directory}", options.ServerName, tlsDirectory);
        return created;
    }

    static X509Certificate2 LoadConfigured(string path, string? keyPath, string? password)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        var certificate = password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        return Exportable(certificate);
    }

    static X509Certificate2 CreateSelfSigned(string serverName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={serverName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverName);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return Exportable(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5)));
    }

    /// <summary>A certificate whose key SslStream can use on every platform (an ephemeral PEM key cannot on Windows).</summary>
    static X509Certificate2 Exportable(X509Certificate2 certificate)
    {
        using (certificate)
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    static void WriteAtomically(string path, string content, bool privateFile)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        if (privateFile && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }
}
