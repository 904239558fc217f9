using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace RetailPerformer.Shared.Http;

/// <summary>
/// The web console calls the host's own JSON API over loopback. Those calls carry the person's address, which the
/// sign-in throttles and anonymous limits must count (not the host's loopback address, which every console user would
/// share). Only a call from loopback that also carries this process's secret is believed: nobody else can choose the
/// address they are counted under.
/// </summary>
public static class ConsoleHop
{
    public const string SecretHeader = "X-RP-Console-Hop";
    public const string ClientHeader = "X-RP-Console-Client";

    private static readonly byte[] Secret = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Marks a console's call to its own host with the person's address.</summary>
    public static void Forward(HttpRequestMessage request, HttpContext person)
    {
        request.Headers.Add(SecretHeader, Encoding.ASCII.GetString(Secret));
        request.Headers.Add(ClientHeader, ClientAddresses.Of(person));
    }

    /// <summary>The person's address when <paramref name="context"/> is such a call, else null.</summary>
    public static string? ClientOf(HttpContext context) =>
        IsFromConsole(context) && context.Request.Headers[ClientHeader] is [{ } client] ? client : null;

    /// <summary>Whether <paramref name="context"/> is this process's console calling its own API (loopback and the secret).</summary>
    public static bool IsFromConsole(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
        && context.Request.Headers[SecretHeader] is [{ } presented]
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Secret);
}
