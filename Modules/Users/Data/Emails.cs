namespace RetailPerformer.Users.Data;

/// <summary>
/// An email is an address: one <c>@</c>, a local part without spaces or control characters, a domain of dot-separated
/// labels. Kept as typed (trimmed, NFC); compared in <see cref="Normalize"/>d form (NFC, lower case). NFC is applied in
/// SQL (<see cref="UserText.NfcSql"/>: invariant globalization cannot normalise), in every statement that writes or looks
/// up an email: <see cref="StoredSql"/> and <see cref="ComparedSql"/>.
/// </summary>
internal static class Emails
{
    public const int MaximumLength = 254;
    public const string InvalidMessage = "'{PropertyName}' must be an email address (name@domain.tld, no spaces or control characters)";

    /// <summary>The address as stored and shown, before NFC: trimmed.</summary>
    public static string Clean(string email) => email.Trim();

    /// <summary>The form addresses are compared in (unique across the product, sign-in), before NFC: trimmed, lower case.</summary>
    public static string Normalize(string email) => Clean(email).ToLowerInvariant();

    /// <summary>SQL for the stored address, from a parameter holding <see cref="Clean"/>.</summary>
    public static string StoredSql(string parameter) => UserText.NfcSql(parameter);

    /// <summary>SQL for the compared form (<c>email_normalized</c>), from a parameter holding <see cref="Normalize"/>.</summary>
    public static string ComparedSql(string parameter) => UserText.NfcSql(parameter);

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return false;
        var address = email.Trim();
        if (address.Length > MaximumLength) return false;
        foreach (var c in address)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || UserText.IsInvisible(c) || c is '<' or '>' or '"' or ',' or ';' or '\\')
                return false;
        var at = address.IndexOf('@');
        if (at <= 0 || at != address.LastIndexOf('@') || at > 64) return false;
        var labels = address[(at + 1)..].Split('.');
        if (labels.Length < 2 || labels[^1].Length < 2) return false;
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
                if (!char.IsLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Must(IsValid).WithMessage(InvalidMessage);
}
