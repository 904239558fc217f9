using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// A minimal SMTP server on loopback that accepts every message and keeps it, so tests can read the
/// invitation a person would receive. It speaks the real protocol to the host's SMTP client.
/// </summary>
public sealed partial class SmtpCapture : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string To, string Data)> _messages = new();
    // The recipient's mailbox is what refuses: whichever server (host) a message goes through, the count is the same.
    private static readonly ConcurrentDictionary<string, (int Times, string Reply)> _refusals = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The next <paramref name="times"/> messages to <paramref name="email"/>, through any capture, are refused at <c>RCPT TO</c>
    /// with <paramref name="reply"/> (a 4xx says "try later", a 5xx "never").
    /// </summary>
    public static void Refuse(string email, int times, string reply = "451 4.3.0 Try again later") => _refusals[email] = (times, reply);

    /// <summary>How many messages to <paramref name="email"/> were accepted.</summary>
    public int CountFor(string email) => _messages.Count(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The invitation codes of every message to <paramref name="email"/>, in order.</summary>
    public IReadOnlyList<string> CodesFor(string email) => _messages
        .Where(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase))
        .Select(m => Code().Match(DecodeQuotedPrintable(m.Data)))
        .Where(m => m.Success).Select(m => m.Groups["code"].Value).ToList();

    public int Port { get; }

    public SmtpCapture()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoop();
    }

    /// <summary>The invitation code sent to <paramref name="email"/>, waiting briefly for it to arrive.</summary>
    public async Task<string> InvitationCodeFor(string email)
    {
        for (var i = 0; i < 100; i++)
        {
            var message = _messages.LastOrDefault(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase));
            if (message.Data is not null && Code().Match(DecodeQuotedPrintable(message.Data)) is { Success: true } match) return match.Groups["code"].Value;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email to {email}; received: {string.Join(" | ", _messages.Select(m => m.To + ": " + m.Data))}");
    }

    /// <summary>The body as the reader sees it: soft line breaks joined, <c>=XX</c> escapes decoded as UTF-8.</summary>
    private static string DecodeQuotedPrintable(string data)
    {
        var joined = SoftBreak().Replace(data, "");
        var bytes = new List<byte>();
        for (var i = 0; i < joined.Length; i++)
        {
            if (joined[i] == '=' && i + 2 < joined.Length && Uri.IsHexDigit(joined[i + 1]) && Uri.IsHexDigit(joined[i + 2]))
            {
                bytes.Add(Convert.ToByte(joined.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(joined[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"=\r?\n")]
    private static partial Regex SoftBreak();

    /// <summary>The body of the last email to <paramref name="email"/>, decoded, waiting briefly for it to arrive.</summary>
    public async Task<string> MessageFor(string email)
    {
        for (var i = 0; i < 100; i++)
        {
            var message = _messages.LastOrDefault(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase));
            if (message.Data is not null) return DecodeQuotedPrintable(message.Data);
            await Task.Delay(50);
        }
        throw new TimeoutException($"No email to {email}");
    }

    public bool Received(string email) => _messages.Any(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"Invitation code: (?<code>[A-Za-z0-9_-]{40,})")]
    private static partial Regex Code();

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = Converse(client);
        }
    }

    private async Task Converse(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 capture ESMTP");
        var to = "";
        while (await reader.ReadLineAsync() is { } line)
        {
            var command = line.ToUpperInvariant();
            if (command.StartsWith("EHLO") || command.StartsWith("HELO")) await writer.WriteLineAsync("250 capture");
            else if (command.StartsWith("RCPT TO:"))
            {
                var recipient = line[8..].Trim().Trim('<', '>');
                if (_refusals.TryGetValue(recipient, out var refusal) && refusal.Times > 0
                    && _refusals.TryUpdate(recipient, (refusal.Times - 1, refusal.Reply), refusal))
                {
                    await writer.WriteLineAsync(refusal.Reply);
                    continue;
                }
                to += line[8..];
                await writer.WriteLineAsync("250 OK");
            }
            else if (command.StartsWith("DATA"))
            {
                await writer.WriteLineAsync("354 go on");
                var data = new StringBuilder();
                while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".") data.AppendLine(dataLine);
                _messages.Enqueue((to, data.ToString()));
                await writer.WriteLineAsync("250 queued");
            }
            else if (command.StartsWith("QUIT")) { await writer.WriteLineAsync("221 bye"); return; }
            else await writer.WriteLineAsync("250 OK");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
