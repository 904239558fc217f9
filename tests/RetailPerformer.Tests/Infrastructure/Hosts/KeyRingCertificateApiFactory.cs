using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A host whose data-protection keys are encrypted at rest with a certificate (a self-signed one made for the run, as a PFX
/// file with a password); on a database of its own, so its ring is the only one there.
/// </summary>
public sealed class KeyRingCertificateApiFactory : ApiFactory
{
    private static readonly Lazy<string> Pfx = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Retail Performer key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"rp-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    });

    public const string Password = "pfx-password-for-tests";

    protected override string DatabaseName => "rp_tests_keyring_certificate";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DataProtection:CertificatePath"] = Pfx.Value,
        ["DataProtection:CertificatePassword"] = Password,
    };
}
