using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace RetailPerformer.Shared.Data;

/// <summary>
/// One data-protection key ring for every host (<see cref="PostgresKeyRing"/>): a sign-in token or a console cookie made
/// by one host is read by every other, and survives any host's rebuild. <c>DataProtection:CertificatePath</c> (a PFX file)
/// and <c>DataProtection:CertificatePassword</c> encrypt the keys at rest with that certificate (every host needs the same
/// one); without them the keys are stored in clear, and the database's access control is their only guard.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The same on every host: the framework's default isolates apps by their content root path.</summary>
    public const string ApplicationName = "RetailPerformer";

    /// <summary>After the migrations (the table) and before the modules' background work (which may unprotect at once).</summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresKeyRing(dataSource));
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
            // Both: decryption otherwise looks for the certificate in the machine's store only.
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddHostedService<FirstKey>();
        return services;
    }

    /// <summary>
    /// Hosts starting together on an empty ring would each make a key of their own and, until their rings refresh, not read
    /// each other's tokens: the first key is made here, by one host at a time (an advisory lock), if there is none to use.
    /// </summary>
    private sealed class FirstKey(DirectDatabase dataSource, IKeyManager keys, TimeProvider clock) : IHostedService
    {
        private const long AdvisoryLockKey = 0x52505f4b45595249; // "RP_KEYRI"

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var lockRing = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
                await lockRing.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                var now = clock.GetUtcNow();
                // The framework itself renews a key two days before it expires; this only covers the very first one.
                if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                    keys.CreateNewKey(now, now.AddDays(90));
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
