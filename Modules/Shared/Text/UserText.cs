using System.Text;

namespace RetailPerformer.Shared.Text;

/// <summary>What user text may hold, and the one form it is compared in.</summary>
public static class UserText
{
    /// <summary>
    /// Names and external ids without invisible format characters (zero-width spaces and joiners, word joiner,
    /// byte-order mark — pasted from spreadsheets, never meant), trimmed. With <see cref="NfcSql"/> at write time this
    /// is the form stored and compared for duplicates.
    /// </summary>
    public static string Canonical(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
            if (!IsInvisible(c)) builder.Append(c);
        return builder.ToString().Trim();
    }

    /// <summary>
    /// Unicode NFC ("Café" typed with é or with e + a combining accent is one text) is applied by PostgreSQL, in the
    /// statement that writes or looks up the value: the product runs with .NET's invariant globalization, whose
    /// <c>string.Normalize</c> has no normalization data and returns its input unchanged.
    /// </summary>
    public static string NfcSql(string parameter) => $"normalize({parameter}, NFC)";

    /// <summary><see cref="Canonical"/>, or null for null and blank values.</summary>
    public static string? CanonicalOrNull(string? value) =>
        value is null ? null : Canonical(value) is { Length: > 0 } canonical ? canonical : null;

    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    /// <summary>C0 and C1 control characters (NUL, line breaks, tabs, escape, DEL…): never part of a name or an email.</summary>
    public static bool HasControlCharacter(string? value)
    {
        if (value is null) return false;
        foreach (var c in value)
            if (char.IsControl(c)) return true;
        return false;
    }

    /// <summary>
    /// User text as it may appear in a log line: control characters (a line break would forge a log line) written as
    /// <c>\uXXXX</c>; everything else kept.
    /// </summary>
    public static string ForLog(string? value)
    {
        if (value is null) return "";
        if (!HasControlCharacter(value)) return value;
        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
            if (char.IsControl(c)) builder.Append($"\\u{(int)c:x4}");
            else builder.Append(c);
        return builder.ToString();
    }
}
