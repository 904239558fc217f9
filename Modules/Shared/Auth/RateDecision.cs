namespace RetailPerformer.Shared.Auth;

/// <summary>What a bucket said to one request: granted or not, its size, what is left, when to retry, when it is full again.</summary>
public readonly record struct RateDecision(bool Granted, int Limit, int Remaining, TimeSpan RetryAfter, TimeSpan Reset);
