using Microsoft.AspNetCore.Identity;

namespace RetailPerformer.Users.Accounts;

/// <summary>Password hashing with the framework's <see cref="PasswordHasher{TUser}"/> (PBKDF2); clear passwords are never stored or logged.</summary>
internal sealed class Passwords
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;

    private sealed class Account;
    private static readonly Account Subject = new();
    private readonly PasswordHasher<Account> _hasher = new();
    // Verified against when the account is unknown, so a wrong email costs the same time as a wrong password.
    private readonly string _decoyHash;

    public Passwords() => _decoyHash = _hasher.HashPassword(Subject, Guid.NewGuid().ToString());

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public bool Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(Subject, hash ?? _decoyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }

    public static string NewSecurityStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

internal static class Emails
{
    public const int MaximumLength = 254;
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
