using System.Text.RegularExpressions;

namespace RetailPerformer.Tests.Infrastructure;

/// <summary>
/// The invitations a host without SMTP writes to its outbox (its log): the link a person would receive, and its code.
/// </summary>
public static partial class InvitationOutbox
{
    [GeneratedRegex("""Invitation outbox \(no SMTP configured\) for (?<email>\S+): (?<link>\S+)""")]
    private static partial Regex OutboxLine();

    /// <summary>The link of the latest invitation sent to <paramref name="email"/>.</summary>
    public static string LinkFor(this ApiFactory api, string email) =>
        api.Logs.Lines.Select(l => OutboxLine().Match(l)).Last(m => m.Success && m.Groups["email"].Value == email).Groups["link"].Value;

    /// <summary>The links of every invitation sent to <paramref name="email"/>, in the order the host logged them.</summary>
    public static IReadOnlyList<string> LinksFor(this ApiFactory api, string email) =>
        api.Logs.Lines.Select(l => OutboxLine().Match(l)).Where(m => m.Success && m.Groups["email"].Value == email).Select(m => m.Groups["link"].Value).ToList();

    public static string TokenOf(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
}
