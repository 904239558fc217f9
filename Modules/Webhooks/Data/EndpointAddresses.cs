using System.Net;
using System.Net.Sockets;

namespace RetailPerformer.Webhooks.Data;

/// <summary>
/// Where an endpoint may point (no request forgery): not this machine (loopback, unspecified), not a private or
/// carrier-grade network, not link-local — which holds the clouds' metadata address 169.254.169.254 — nor multicast,
/// unless configuration allows loopback or private networks. Checked when an endpoint is saved (its name resolved) and
/// again on every connection (<see cref="ConnectAsync"/>), so that a name resolving elsewhere later reaches nothing.
/// </summary>
internal sealed class EndpointAddresses(WebhookSettings settings)
{
    public const string NotAllowed = "The endpoint's address is not allowed: loopback, private, link-local and metadata addresses cannot receive webhooks";
    public const string NotResolved = "The endpoint's host name does not resolve";

    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return settings.AllowLoopback;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 0 || b[0] >= 224) return false;                               // "this network", multicast, reserved
            if (b[0] == 169 && b[1] == 254) return false;                             // link-local, cloud metadata
            var isPrivate = b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                            || (b[0] == 100 && b[1] is >= 64 and <= 127);             // carrier-grade NAT
            return !isPrivate || settings.AllowPrivateNetworks;
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.IsIPv6SiteLocal) return false;
        if (address.Equals(IPAddress.Parse("fd00:ec2::254"))) return false;            // a cloud's metadata over IPv6
        var isUniqueLocal = (address.GetAddressBytes()[0] & 0xFE) == 0xFC;             // fc00::/7
        return !isUniqueLocal || settings.AllowPrivateNetworks;
    }

    /// <summary>Why <paramref name="url"/> may not receive webhooks, or null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return NotResolved;
        }
        if (addresses.Length == 0) return NotResolved;
        return addresses.All(Allows) ? null : NotAllowed;
    }

    /// <summary>The dispatcher's connections: to an allowed address of the name only, whatever the name resolves to now.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(Allows).ToArray();
        if (allowed.Length == 0) throw new HttpRequestException(NotAllowed);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
